import type { Metadata } from "next";
import { CreateRoomForm } from "@/components/CreateRoomForm";
import { PageShell } from "@/components/PageShell";

export const metadata: Metadata = { title: "Create room" };

export default function CreateRoomPage() {
  return (
    <PageShell title="Create room">
      <CreateRoomForm />
    </PageShell>
  );
}
