import Link from "next/link";
import { PageShell } from "../PageShell";
import { ForgetGoneRoom } from "./ForgetGoneRoom";

export function RoomNotFound() {
  return (
    <PageShell title="Room not found">
      <ForgetGoneRoom />
      <p className="text-ink-soft">This room does not exist, or it closed after everyone left.</p>
      <Link href="/rooms" className="font-medium text-accent underline">
        Back to the room list
      </Link>
    </PageShell>
  );
}
