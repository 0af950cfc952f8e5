import Link from "next/link";
import { PageShell } from "../PageShell";
import { ForgetGoneRoom } from "./ForgetGoneRoom";

export function RoomNotFound() {
  return (
    <PageShell title="Room not found">
      <ForgetGoneRoom />
      <p className="text-slate-600">This room does not exist, or it closed after everyone left.</p>
      <Link href="/rooms" className="font-medium text-indigo-700 underline">
        Back to the room list
      </Link>
    </PageShell>
  );
}
