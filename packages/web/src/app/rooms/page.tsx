import type { Metadata } from "next";
import { ButtonLink } from "@/components/ButtonLink";
import { PageShell } from "@/components/PageShell";
import { RoomList } from "@/components/RoomList";

export const metadata: Metadata = { title: "Join room" };

export default function RoomListPage() {
  return (
    <PageShell title="Join room">
      <RoomList />
      <div>
        <ButtonLink href="/create" variant="secondary">
          Create room
        </ButtonLink>
      </div>
    </PageShell>
  );
}
