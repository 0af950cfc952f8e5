import type { Member } from "@chat/wire";

/**
 * Who is present. `count` is the room's member count (null until known: the names are counted);
 * a huge room sends counts instead of names, so the count may exceed the names known, and the
 * rest are summed up below the list.
 */
export function MembersPanel({
  members,
  count,
  youId,
}: {
  members: Member[];
  count: number | null;
  youId: string | undefined;
}) {
  const total = count ?? members.length;
  const others = total - members.length;
  return (
    <section className="flex min-h-0 flex-col gap-2">
      <h2 className="text-sm font-semibold text-ink-soft">
        Members <span className="font-normal text-muted">({total})</span>
      </h2>
      <ul
        aria-label="Members"
        className="flex max-h-20 min-h-0 flex-wrap gap-1.5 overflow-y-auto md:max-h-none md:flex-col md:flex-nowrap"
      >
        {members.map((member) => (
          <li
            key={member.id}
            className="max-w-full truncate rounded-full bg-sunken px-2.5 py-0.5 text-sm md:rounded-md md:bg-transparent md:px-0"
          >
            {member.name}
            {member.id === youId ? <span className="text-muted"> (you)</span> : null}
          </li>
        ))}
      </ul>
      {others > 0 ? (
        <p className="text-sm text-muted">
          {members.length === 0 ? "" : "and "}
          {others === 1 ? "1 other" : `${others} others`}
        </p>
      ) : null}
    </section>
  );
}
