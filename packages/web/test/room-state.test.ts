import { describe, expect, it } from "vitest";
import { initialRoomState, isYours, type RoomAction, type RoomState, TYPING_VISIBLE_MS } from "../src/lib/room-state";
import { buildTimeline, type TimelineItem } from "../src/lib/timeline";
import { alice, aliceWithBob, bob, message, run } from "./fixtures";

describe("roomReducer", () => {
  it("shows a pending message until the echo with its clientMessageId arrives", () => {
    const pending = run([
      {
        type: "pending",
        pending: { clientMessageId: "c1", text: "hi", createdAt: "2025-01-01T00:00:00Z" },
      },
    ]);
    expect(pending.pending).toHaveLength(1);
    const confirmed = run(
      [{ type: "messages", messages: [message("01", { clientMessageId: "c1" })], receivedAt: 0 }],
      pending,
    );
    expect(confirmed.pending).toHaveLength(0);
    expect(confirmed.messages.map((m) => m.id)).toEqual(["01"]);
  });

  it("merges backfill and live messages without duplicates", () => {
    const state = run([
      { type: "history", messages: [message("01"), message("02")], olderCursor: "01", receivedAt: 0 },
      { type: "messages", messages: [message("04")], receivedAt: 1 },
      { type: "messages", messages: [message("02"), message("03"), message("04")], receivedAt: 2 },
    ]);
    expect(state.messages.map((m) => m.id)).toEqual(["01", "02", "03", "04"]);
    expect(state.olderCursor).toBe("01");
  });

  it("keeps the older-page cursor from the first history only, then from older pages", () => {
    const state = run([
      { type: "history", messages: [message("05")], olderCursor: "05", receivedAt: 0 },
      { type: "history", messages: [message("06")], olderCursor: "06", receivedAt: 1 },
    ]);
    expect(state.olderCursor).toBe("05");
    const older = run([{ type: "olderPage", messages: [message("03"), message("04")], cursor: null }], state);
    expect(older.olderCursor).toBeNull();
    expect(older.messages.map((m) => m.id)).toEqual(["03", "04", "05", "06"]);
  });

  it("tracks members from welcome, join and leave, with notices", () => {
    const state = run([
      {
        type: "welcome",
        you: alice,
        room: { id: "r", name: "Room", createdAt: "", members: 1 },
        members: [alice],
        receivedAt: 0,
      },
      { type: "join", member: bob, members: 2, receivedAt: 1 },
      { type: "join", member: bob, members: 2, receivedAt: 2 },
    ]);
    expect(state.members).toEqual([alice, bob]);
    expect(state.memberCount).toBe(2);
    const left = run([{ type: "leave", member: bob, members: 1, receivedAt: 3 }], state);
    expect(left.members).toEqual([alice]);
    expect(left.memberCount).toBe(1);
    // The second join of a member listed already is not news.
    expect(left.notices.map((notice) => `${notice.name} ${notice.kind}`)).toEqual(["Bob join", "Bob leave"]);
  });

  const welcome = (members: RoomState["members"], count: number): RoomAction => ({
    type: "welcome",
    you: alice,
    room: { id: "r", name: "Room", createdAt: "", members: count },
    members,
    receivedAt: 0,
  });

  it("tells neither the leave nor the join of a reload or a reconnect under the same name", () => {
    const seated = run([welcome([alice, bob], 2)]);
    const bobAgain = { id: "member-b2", name: "Bob" };
    const told = (state: RoomState) => state.notices.map((notice) => `${notice.name} ${notice.kind}`);
    // Left, then back: the leave is taken back.
    const reloaded = run(
      [
        { type: "leave", member: bob, members: 1, receivedAt: 1_000 },
        { type: "join", member: bobAgain, members: 2, receivedAt: 3_000 },
      ],
      seated,
    );
    expect(told(reloaded)).toEqual([]);
    expect(reloaded.members).toEqual([alice, bobAgain]);
    // Back before the old connection's leave: neither is told while a Bob is present.
    const reconnected = run(
      [
        { type: "join", member: bobAgain, members: 3, receivedAt: 1_000 },
        { type: "leave", member: bob, members: 2, receivedAt: 1_500 },
      ],
      seated,
    );
    expect(told(reconnected)).toEqual([]);
    expect(reconnected.members).toEqual([alice, bobAgain]);
    // Gone for long, or with messages between: both told.
    const later = run(
      [
        { type: "leave", member: bob, members: 1, receivedAt: 1_000 },
        { type: "join", member: bobAgain, members: 2, receivedAt: 60_000 },
      ],
      seated,
    );
    expect(told(later)).toEqual(["Bob leave", "Bob join"]);
    const talkedBetween = run(
      [
        { type: "leave", member: bob, members: 1, receivedAt: 1_000 },
        { type: "messages", messages: [message("05")], receivedAt: 1_100 },
        { type: "join", member: bobAgain, members: 2, receivedAt: 2_000 },
      ],
      seated,
    );
    expect(told(talkedBetween)).toEqual(["Bob leave", "Bob join"]);
    // After a reconnect of one's own, the others' joins arrive for people welcome listed already.
    const rewelcomed = run(
      [
        { type: "join", member: bob, members: 2, receivedAt: 1_000 },
        { type: "join", member: bobAgain, members: 3, receivedAt: 1_100 },
      ],
      seated,
    );
    expect(told(rewelcomed)).toEqual([]);
  });

  it("takes a newest page's older cursor when a reconnect brings the first messages", () => {
    const empty = run([{ type: "history", messages: [], olderCursor: null, receivedAt: 0 }]);
    expect(empty.historyLoaded).toBe(true);
    // Offline meanwhile; 120 messages came, of which the newest page holds the last 50.
    const back = run(
      [{ type: "history", messages: [message("71"), message("72")], olderCursor: "71", receivedAt: 1 }],
      empty,
    );
    expect(back.olderCursor).toBe("71");
    // A log with messages keeps its own cursor (its pages are older than any newest page).
    const more = run([{ type: "history", messages: [message("73")], olderCursor: "73", receivedAt: 2 }], back);
    expect(more.olderCursor).toBe("71");
  });

  it("has no member count before welcome, then takes welcome's room.members as the baseline", () => {
    expect(initialRoomState.memberCount).toBeNull();
    const state = run([welcome([alice, bob], 523)]);
    expect(state.memberCount).toBe(523);
    expect(state.members).toEqual([alice, bob]);
  });

  it("takes a welcome's count by its countedAt: a notice counted before it no longer applies, one after it does", () => {
    const cy = { id: "member-c", name: "Cy" };
    const welcomed = run([{ ...welcome([alice, bob], 2), countedAt: 2000 } as RoomAction]);
    expect(welcomed.memberCount).toBe(2);
    // Cy's join, counted before the welcome read the room, arrives after it.
    const late = run([{ type: "join", member: cy, members: 1, countedAt: 1500, receivedAt: 1 }], welcomed);
    expect(late.memberCount).toBe(2);
    expect(run([{ type: "leave", member: bob, members: 1, countedAt: 2500, receivedAt: 2 }], late).memberCount).toBe(1);
    // A welcome read before the newest count applied (a reconnect's, answered late) keeps that count.
    const newer = run(
      [{ type: "presenceCount", joined: 3, left: 0, members: 5, countedAt: 3000, receivedAt: 3 }],
      late,
    );
    expect(run([{ ...welcome([alice], 4), countedAt: 2800 } as RoomAction], newer).memberCount).toBe(5);
  });

  it("counts from each plain join and leave, which carry no countedAt and always apply", () => {
    const state = run([
      welcome([alice], 1),
      { type: "presenceCount", joined: 5, left: 0, members: 6, countedAt: 2000, receivedAt: 1 },
      { type: "join", member: bob, members: 7, receivedAt: 1 },
    ]);
    expect(state.memberCount).toBe(7);
    expect(run([{ type: "leave", member: bob, members: 6, receivedAt: 2 }], state).memberCount).toBe(6);
  });

  it("keeps the count of the newest countedAt when batched presence arrives out of order", () => {
    const cy = { id: "member-c", name: "Cy" };
    const state = run([
      welcome([alice], 1),
      { type: "join", member: bob, members: 3, countedAt: 2000, receivedAt: 1 },
      { type: "join", member: cy, members: 3, countedAt: 2000, receivedAt: 1 },
      // Counted earlier, delivered later: its names still apply, its count does not.
      { type: "leave", member: bob, members: 2, countedAt: 1000, receivedAt: 2 },
      { type: "presenceCount", joined: 0, left: 1, members: 1, countedAt: 1500, receivedAt: 3 },
    ]);
    expect(state.memberCount).toBe(3);
    expect(state.memberCountedAt).toBe(2000);
    expect(state.members).toEqual([alice, cy]);
    const newer = run(
      [{ type: "presenceCount", joined: 4, left: 0, members: 7, countedAt: 3000, receivedAt: 4 }],
      state,
    );
    expect(newer.memberCount).toBe(7);
    expect(run([{ type: "leave", member: cy, members: 6, countedAt: 2500, receivedAt: 5 }], newer).memberCount).toBe(7);
  });

  it("keeps the newest countedAt across a new welcome", () => {
    const state = run([
      welcome([alice], 1),
      { type: "presenceCount", joined: 9, left: 0, members: 10, countedAt: 2000, receivedAt: 1 },
      welcome([alice], 12),
      { type: "presenceCount", joined: 0, left: 1, members: 9, countedAt: 1000, receivedAt: 2 },
    ]);
    expect(state.memberCount).toBe(12);
  });

  it("takes a presenceCount's count but leaves the names and the notices alone", () => {
    const before = run([welcome([alice, bob], 200)]);
    const state = run(
      [{ type: "presenceCount", joined: 3, left: 1, members: 202, countedAt: 1000, receivedAt: 1 }],
      before,
    );
    expect(state.memberCount).toBe(202);
    expect(state.members).toEqual([alice, bob]);
    expect(state.notices).toEqual([]);
  });

  it("shows typing for a while, and not after that or after the person's message", () => {
    const typing = run([{ type: "typing", member: bob, receivedAt: 1000 }]);
    expect(Object.values(typing.typing).map((entry) => entry.name)).toEqual(["Bob"]);
    expect(run([{ type: "typingExpired", now: 1000 + TYPING_VISIBLE_MS - 1 }], typing).typing).toHaveProperty(bob.id);
    expect(run([{ type: "typingExpired", now: 1000 + TYPING_VISIBLE_MS }], typing).typing).toEqual({});
    const spoke = run([{ type: "messages", messages: [message("01", { author: bob })], receivedAt: 1500 }], typing);
    expect(spoke.typing).toEqual({});
  });
});

describe("buildTimeline", () => {
  it("places notices after the message they followed and pending messages last", () => {
    const state = run([
      { type: "join", member: bob, members: 2, receivedAt: 0 },
      { type: "messages", messages: [message("01")], receivedAt: 1 },
      { type: "leave", member: bob, members: 1, receivedAt: 2 },
      { type: "pending", pending: { clientMessageId: "c9", text: "wait", createdAt: "" } },
      { type: "messages", messages: [message("02")], receivedAt: 3 },
    ]);
    expect(kindsOf(buildTimeline(state))).toEqual(["join", "day", "01", "leave", "02", "pending"]);
  });

  it("heads each day's first message with the day, in the viewer's time zone, and your new messages with Today", () => {
    const now = new Date(2026, 11, 3, 9, 30);
    const at = (daysAgo: number, hour: number) => new Date(2026, 11, 3 - daysAgo, hour).toISOString();
    const messages = [
      message("01", { sentAt: at(2, 23) }),
      message("02", { sentAt: at(1, 0) }),
      message("03", { sentAt: at(1, 22) }),
    ];
    const pending = [{ clientMessageId: "c1", text: "now", createdAt: now.toISOString() }];
    const items = buildTimeline({ messages, notices: [], pending, unreadFrom: null }, now);
    expect(kindsOf(items)).toEqual(["day", "01", "day", "02", "03", "day", "pending"]);
    const days = items.flatMap((item) => (item.kind === "day" ? [item.label] : []));
    expect(days.slice(1)).toEqual(["Yesterday", "Today"]);
    expect(days[0]).toMatch(/Tuesday/);
    expect(days[0]).not.toMatch(/2026/);
    const withToday = [...messages, message("04", { sentAt: at(0, 8) })];
    expect(kindsOf(buildTimeline({ messages: withToday, notices: [], pending, unreadFrom: null }, now))).toEqual([
      "day",
      "01",
      "day",
      "02",
      "03",
      "day",
      "04",
      "pending",
    ]);
  });
});

describe("buildTimeline's groups", () => {
  const at = (minutes: number) => new Date(Date.UTC(2026, 11, 3, 9, minutes)).toISOString();
  const continued = (messages: ReturnType<typeof message>[], unreadFrom: string | null = null) =>
    buildTimeline({ messages, notices: [], pending: [], unreadFrom }).flatMap((item) =>
      item.kind === "message" ? [`${item.message.id}${item.continued ? "+" : ""}`] : [],
    );

  it("continues an author's group with their next message within five minutes, and nothing between", () => {
    expect(
      continued([
        message("01", { author: alice, sentAt: at(0) }),
        message("02", { author: alice, sentAt: at(1) }),
        message("03", { author: alice, sentAt: at(5) }),
        message("04", { author: bob, sentAt: at(5) }),
        message("05", { author: alice, sentAt: at(6) }),
        message("06", { author: alice, sentAt: at(12) }),
      ]),
    ).toEqual(["01", "02+", "03+", "04", "05", "06"]);
  });

  it("starts a new group after a notice, the New line or a new day, and for one with no time", () => {
    const state = run([
      { type: "messages", messages: [message("01", { author: bob, sentAt: at(0) })], receivedAt: 0 },
      { type: "join", member: alice, members: 2, receivedAt: 1 },
      { type: "messages", messages: [message("02", { author: bob, sentAt: at(1) })], receivedAt: 2 },
    ]);
    expect(kindsOf(buildTimeline(state))).toEqual(["day", "01", "join", "02"]);
    expect(buildTimeline(state).some((item) => item.kind === "message" && item.continued)).toBe(false);
    const same = (id: string, sentAt: string) => message(id, { author: bob, sentAt });
    expect(continued([same("01", at(0)), same("02", at(1))], "02")).toEqual(["01", "02"]);
    // A minute either side of the viewer's midnight: two days, two groups.
    const lateAtNight = new Date(2026, 11, 2, 23, 59).toISOString();
    const justAfter = new Date(2026, 11, 3, 0, 1).toISOString();
    expect(continued([same("01", lateAtNight), same("02", justAfter)])).toEqual(["01", "02"]);
    expect(continued([same("01", at(0)), same("02", "")])).toEqual(["01", "02"]);
  });
});

function kindsOf(items: TimelineItem[]): string[] {
  return items.map((item) =>
    item.kind === "message" ? item.message.id : item.kind === "notice" ? item.notice.kind : item.kind,
  );
}

describe("server errors", () => {
  it("keeps the last error frame's message until dismissed", () => {
    const state = run([{ type: "serverError", code: "rate_limited", message: "Slow down", receivedAt: 0 }]);
    expect(state.serverError).toBe("The server said: Slow down");
    expect(run([{ type: "dismissServerError" }], state).serverError).toBeNull();
  });

  it("quotes only the server: what the session found itself is said as it is", () => {
    const failed = "The server failed: Internal server error";
    expect(run([{ type: "serverError", code: "gateway_error", message: failed, receivedAt: 0 }]).serverError).toBe(
      failed,
    );
    const given = run([
      { type: "pending", pending: { clientMessageId: "c1", text: "x", createdAt: "" } },
      { type: "messageRejected", clientMessageId: "c1", code: "no_answer", message: "No answer", receivedAt: 0 },
    ]);
    expect(given.serverError).toBe("A message was not sent. No answer");
  });

  it("keeps a refused message shown as not sent, with why, and says why", () => {
    const state = run([
      { type: "pending", pending: { clientMessageId: "c1", text: "refused", createdAt: "" } },
      { type: "pending", pending: { clientMessageId: "c2", text: "fine", createdAt: "" } },
      { type: "messageRejected", clientMessageId: "c1", code: "invalid_request", message: "too long", receivedAt: 0 },
    ]);
    expect(state.pending).toEqual([
      { clientMessageId: "c1", text: "refused", createdAt: "", failed: "too long" },
      { clientMessageId: "c2", text: "fine", createdAt: "" },
    ]);
    expect(state.serverError).toBe("A message was not sent. The server said: too long");
  });
});

describe("messages not sent", () => {
  const refused = run([
    { type: "pending", pending: { clientMessageId: "c1", text: "first", createdAt: "" } },
    { type: "pending", pending: { clientMessageId: "c2", text: "second", createdAt: "" } },
    { type: "messageRejected", clientMessageId: "c1", code: "gateway_error", message: "failed", receivedAt: 0 },
  ]);

  it("retried, is pending again, after the others (it is queued after them)", () => {
    const state = run([{ type: "retryPending", clientMessageId: "c1" }], refused);
    expect(state.pending).toEqual([
      { clientMessageId: "c2", text: "second", createdAt: "" },
      { clientMessageId: "c1", text: "first", createdAt: "" },
    ]);
    expect(run([{ type: "retryPending", clientMessageId: "gone" }], refused)).toBe(refused);
  });

  it("put back after a reload, come before anything written since, once each, and are saved from then on", () => {
    expect(initialRoomState.pendingRestored).toBe(false);
    const restored = { clientMessageId: "c0", text: "before the reload", createdAt: "" };
    const state = run(
      [
        { type: "restorePending", pending: [restored] },
        // React's development mode runs the effect that restores twice.
        { type: "restorePending", pending: [restored] },
      ],
      refused,
    );
    expect(state.pending.map((pending) => pending.clientMessageId)).toEqual(["c0", "c1", "c2"]);
    expect(state.pendingRestored).toBe(true);
  });

  it("keep where they were first sent, for a reload (a retry's later send does not move it)", () => {
    const sent = run(
      [
        { type: "sending", clientMessageId: "c2", after: "01", receivedAt: 1 },
        { type: "sending", clientMessageId: "c2", after: "05", receivedAt: 2 },
      ],
      refused,
    );
    expect(sent.pending.map((pending) => pending.sentAfter)).toEqual([undefined, "01"]);
  });

  it("discarded, is gone", () => {
    const state = run([{ type: "discardPending", clientMessageId: "c1" }], refused);
    expect(state.pending.map((pending) => pending.text)).toEqual(["second"]);
  });

  it("turns into the message when it shows up after all (stored by the try that was given up)", () => {
    const state = run(
      [{ type: "messages", messages: [message("01", { clientMessageId: "c1", text: "first" })], receivedAt: 1 }],
      refused,
    );
    expect(state.pending.map((pending) => pending.clientMessageId)).toEqual(["c2"]);
    expect(state.messages.map((m) => m.id)).toEqual(["01"]);
  });
});

describe("your messages, under this connection or an earlier one", () => {
  const reconnected = (restored: string[]) =>
    run([
      { type: "restoreYourIds", ids: restored },
      {
        type: "welcome",
        you: alice,
        room: { id: "r", name: "Room", createdAt: "", members: 1 },
        members: [alice],
        receivedAt: 0,
      },
    ]);

  it("counts every member id the tab had in the room as yours: restored ones first, then each welcome's", () => {
    const state = reconnected(["member-old-1", "member-old-2"]);
    expect(state.yourIds).toEqual(["member-old-1", "member-old-2", alice.id]);
    const again = run(
      [
        {
          type: "welcome",
          you: { id: "member-a2", name: "Alice" },
          room: { id: "r", name: "Room", createdAt: "", members: 1 },
          members: [],
          receivedAt: 1,
        },
        // React's development mode runs the effect that restores twice.
        { type: "restoreYourIds", ids: ["member-old-1", "member-old-2"] },
      ],
      state,
    );
    expect(again.yourIds).toEqual(["member-old-1", "member-old-2", alice.id, "member-a2"]);
    expect(isYours(again, message("01", { author: { id: "member-old-1", name: "Alice" } }))).toBe(true);
    expect(isYours(again, message("02", { author: { id: "member-old-3", name: "Alice" } }))).toBe(false);
  });

  it("does not count your own earlier messages as unread when a backfill brings them while hidden", () => {
    const hidden = run(
      [
        { type: "visibility", hidden: true },
        {
          type: "messages",
          messages: [message("01", { author: { id: "member-old-1", name: "Alice" } })],
          receivedAt: 1,
        },
        { type: "messages", messages: [message("02", { author: bob })], receivedAt: 2 },
      ],
      reconnected(["member-old-1"]),
    );
    expect(hidden.unread).toBe(1);
    expect(hidden.unreadFrom).toBe("02");
  });
});

describe("what came since the last visit", () => {
  const visit = (lastRead: string | null, history: ReturnType<typeof message>[]) =>
    run([
      { type: "restoreYourIds", ids: [alice.id] },
      { type: "restoreLastRead", messageId: lastRead },
      { type: "history", messages: history, olderCursor: null, receivedAt: 0 },
    ]);
  const history = [
    message("01", { author: bob }),
    message("02", { author: bob }),
    message("03", { author: alice }),
    message("04", { author: bob }),
  ];

  it("starts the New line at the first message from others after the one last shown", () => {
    expect(visit("01", history).unreadFrom).toBe("02");
    // Your own (from another visit) are not new to you.
    expect(visit("02", history).unreadFrom).toBe("04");
    expect(kindsOf(buildTimeline(visit("02", history)))).toEqual(["day", "01", "02", "03", "unread", "04"]);
    expect(visit("02", history).unread).toBe(0);
  });

  it("marks nothing on a first visit, when nothing came, or when the last one shown is not loaded", () => {
    expect(visit(null, history).unreadFrom).toBeNull();
    expect(visit("04", history).unreadFrom).toBeNull();
    expect(visit("00", history).unreadFrom).toBeNull();
    const later = run(
      [{ type: "history", messages: [message("05", { author: bob })], olderCursor: null, receivedAt: 1 }],
      visit("04", history),
    );
    expect(later.unreadFrom).toBeNull();
  });
});

describe("unread while hidden", () => {
  const welcomed = aliceWithBob([message("01", { author: bob })]);

  it("counts new messages from others that arrive while the page is hidden, once each, and clears on return", () => {
    const hidden = run(
      [
        { type: "visibility", hidden: true },
        { type: "messages", messages: [message("02", { author: bob }), message("01", { author: bob })], receivedAt: 1 },
        // The same message again (live, then in a backfill), and one of your own: not counted.
        { type: "messages", messages: [message("02", { author: bob })], receivedAt: 2 },
        { type: "messages", messages: [message("03", { author: alice })], receivedAt: 3 },
        { type: "messages", messages: [message("04", { author: bob }), message("05", { author: bob })], receivedAt: 4 },
      ],
      welcomed,
    );
    expect(hidden.unread).toBe(3);
    expect(run([{ type: "visibility", hidden: false }], hidden).unread).toBe(0);
  });

  it("counts nothing while the page is looked at, nor older pages loaded while hidden", () => {
    expect(
      run([{ type: "messages", messages: [message("02", { author: bob })], receivedAt: 1 }], welcomed).unread,
    ).toBe(0);
    const older = run(
      [
        { type: "visibility", hidden: true },
        { type: "olderPage", messages: [message("00", { author: bob })], cursor: null },
      ],
      welcomed,
    );
    expect(older.unread).toBe(0);
  });

  it("starts the New line at the first message from others while hidden, keeps it on return, until you send", () => {
    const away = (from: RoomState, ids: string[], receivedAt: number) =>
      run(
        [
          { type: "visibility", hidden: true },
          { type: "messages", messages: ids.map((id) => message(id, { author: bob })), receivedAt },
          { type: "visibility", hidden: false },
        ],
        from,
      );
    const back = away(
      run([{ type: "messages", messages: [message("03", { author: alice })], receivedAt: 1 }], welcomed),
      ["05", "04"],
      2,
    );
    expect(back.unreadFrom).toBe("04");
    expect(kindsOf(buildTimeline(back))).toEqual(["day", "01", "03", "unread", "04", "05"]);
    const more = run([{ type: "messages", messages: [message("06", { author: bob })], receivedAt: 3 }], back);
    expect(more.unreadFrom).toBe("04");
    expect(away(more, ["07"], 4).unreadFrom).toBe("07");
    const replied = run([{ type: "pending", pending: { clientMessageId: "c1", text: "back", createdAt: "" } }], back);
    expect(replied.unreadFrom).toBeNull();
    expect(kindsOf(buildTimeline(replied))).not.toContain("unread");
  });
});
