import { RoomNotFound } from "@/components/room/RoomNotFound";

/** What `notFound()` in ./page.tsx renders, with HTTP 404: an unknown or expired room. */
export default function RoomNotFoundPage() {
  return <RoomNotFound />;
}
