import Link from "next/link";
import { PageShell } from "../PageShell";
import { ForgetGoneRoom } from "./ForgetGoneRoom";

/**
 * The room is unknown, or expired. `unsent`: what was written in it and never confirmed (the
 * room closed while this page was offline), shown so that it can be copied elsewhere.
 */
export function RoomNotFound({ unsent = [] }: { unsent?: readonly { clientMessageId: string; text: string }[] }) {
  return (
    <PageShell title="Room not found">
      <ForgetGoneRoom />
      <p className="text-ink-soft">This room does not exist, or it closed after everyone left.</p>
      {unsent.length > 0 ? (
        <section aria-labelledby="unsent-heading" className="flex flex-col gap-2">
          <h2 id="unsent-heading" className="font-semibold">
            What you wrote here and was not sent
          </h2>
          <ul className="flex flex-col gap-2">
            {unsent.map(({ clientMessageId, text }) => (
              <li
                key={clientMessageId}
                className="rounded-lg border border-line bg-surface px-3 py-2 whitespace-pre-wrap [overflow-wrap:anywhere]"
              >
                {text}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Link href="/rooms" className="font-medium text-accent underline">
        Back to the room list
      </Link>
    </PageShell>
  );
}
