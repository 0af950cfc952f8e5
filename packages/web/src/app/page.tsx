import { ButtonLink } from "@/components/ButtonLink";
import { PageShell } from "@/components/PageShell";
import { RecentRooms } from "@/components/RecentRooms";

export default function HomePage() {
  return (
    <PageShell title="Chat rooms">
      <p className="text-ink-soft">Start a room and share its link, or join one that is already open.</p>
      <div className="flex flex-col gap-3 sm:flex-row">
        <ButtonLink href="/create">Create room</ButtonLink>
        <ButtonLink href="/rooms" variant="secondary">
          Join room
        </ButtonLink>
      </div>
      <RecentRooms />
    </PageShell>
  );
}
