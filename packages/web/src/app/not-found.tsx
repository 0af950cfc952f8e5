import Link from "next/link";
import { PageShell } from "@/components/PageShell";

export default function NotFound() {
  return (
    <PageShell title="Page not found">
      <Link href="/" className="text-accent underline">
        Back to the start page
      </Link>
    </PageShell>
  );
}
