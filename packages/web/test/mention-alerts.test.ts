import { describe, expect, it } from "vitest";
import { permissionIn } from "../src/hooks/use-notification-permission";
import {
  ALERT_BODY_LENGTH,
  alertFor,
  loadMentionAlerts,
  mentionsToAlert,
  saveMentionAlerts,
} from "../src/lib/mention-alerts";
import type { RoomAction } from "../src/lib/room-state";
import { aliceWithBob, asStorage, bob, MemoryStorage, message, run, throwingStorage } from "./fixtures";

const fromBob = (id: string, text: string) => message(id, { author: bob, text });

/** Alice in a room whose history holds a mention from before she looked away. */
const seated = aliceWithBob([fromBob("01", "@Alice from before")]);
const messages = (...list: ReturnType<typeof message>[]): RoomAction => ({
  type: "messages",
  messages: list,
  receivedAt: 1,
});
const ids = (list: { id: string }[]) => list.map((m) => m.id);

describe("mentionsToAlert", () => {
  it("tells once of each message from others that mentions you and came while the page was hidden", () => {
    const told = new Set<string>();
    const hidden = run([{ type: "visibility", hidden: true }], seated);
    expect(mentionsToAlert(hidden, true, told)).toEqual([]);
    const state = run(
      [
        messages(fromBob("02", "hello all"), fromBob("03", "@alice, look"), message("04", { text: "@Alice me" })),
        messages(fromBob("05", "and @ALICE again")),
      ],
      hidden,
    );
    expect(ids(mentionsToAlert(state, true, told))).toEqual(["03", "05"]);
    expect(mentionsToAlert(state, true, told)).toEqual([]);
    const more = run([messages(fromBob("06", "@Alice, and again"))], state);
    expect(ids(mentionsToAlert(more, true, told))).toEqual(["06"]);
    // Yours under an earlier connection (before a reconnect or a reload): not told of.
    const earlier = run(
      [
        { type: "restoreYourIds", ids: ["member-a-before"] },
        messages(message("07", { author: { id: "member-a-before", name: "Alice" }, text: "@Alice, note to self" })),
      ],
      more,
    );
    expect(mentionsToAlert(earlier, true, told)).toEqual([]);
  });

  it("never tells of what came while the page was looked at or alerts were off, even once hidden again", () => {
    const told = new Set<string>();
    const visible = run([messages(fromBob("02", "@Alice here"))], seated);
    expect(mentionsToAlert(visible, true, told)).toEqual([]);
    // The "New" line stays after the page is looked at again: hidden once more, nothing new yet.
    const away = run([{ type: "visibility", hidden: true }, messages(fromBob("03", "@Alice away"))], visible);
    expect(mentionsToAlert(away, false, told)).toEqual([]);
    const back = run([{ type: "visibility", hidden: false }], away);
    expect(mentionsToAlert(back, true, told)).toEqual([]);
    const awayAgain = run([{ type: "visibility", hidden: true }], back);
    expect(awayAgain.unreadFrom).toBe("03");
    expect(mentionsToAlert(awayAgain, true, told)).toEqual([]);
    const later = run([messages(fromBob("04", "@Alice later"))], awayAgain);
    expect(ids(mentionsToAlert(later, true, told))).toEqual(["04"]);
  });

  it("does not tell of a mention of a longer name that begins with yours", () => {
    const aliceCooper = { id: "member-c", name: "Alice Cooper" };
    const hidden = run(
      [
        { type: "visibility", hidden: true },
        messages(message("02", { author: aliceCooper, text: "hi" }), fromBob("03", "@Alice Cooper, welcome")),
        messages(fromBob("04", "@alice too")),
      ],
      seated,
    );
    expect(ids(mentionsToAlert(hidden, true, new Set()))).toEqual(["04"]);
  });

  it("tells of nothing from the history, nor before you are in the room", () => {
    const hiddenFirst = run(
      [
        { type: "visibility", hidden: true },
        { type: "history", messages: [fromBob("09", "@Alice, read late")], olderCursor: null, receivedAt: 0 },
      ],
      seated,
    );
    expect(hiddenFirst.messages.map((m) => m.id)).toContain("09");
    expect(mentionsToAlert(hiddenFirst, true, new Set())).toEqual([]);
    const noWelcome = run([{ type: "visibility", hidden: true }, messages(fromBob("02", "@Alice here"))]);
    expect(mentionsToAlert(noWelcome, true, new Set())).toEqual([]);
  });
});

describe("alertFor", () => {
  it("says who mentioned you where, with the message as the body and its id as the tag", () => {
    expect(alertFor(fromBob("07", "@Alice lunch?"), "Lobby")).toEqual({
      title: "Bob mentioned you in Lobby",
      body: "@Alice lunch?",
      tag: "07",
    });
  });

  it("shortens a long message by code points, never splitting one", () => {
    const long = `@Alice ${"😀".repeat(300)}`;
    const { body } = alertFor(fromBob("08", long), "Lobby");
    expect(Array.from(body)).toHaveLength(ALERT_BODY_LENGTH);
    expect(body.endsWith("😀…")).toBe(true);
    const exact = "x".repeat(ALERT_BODY_LENGTH);
    expect(alertFor(fromBob("09", exact), "Lobby").body).toBe(exact);
  });
});

describe("the mention alerts setting", () => {
  it("is off until turned on, kept in the browser's storage, and forgotten when turned off", () => {
    const storage = new MemoryStorage();
    expect(loadMentionAlerts(asStorage(storage))).toBe(false);
    saveMentionAlerts(asStorage(storage), true);
    expect(loadMentionAlerts(asStorage(storage))).toBe(true);
    saveMentionAlerts(asStorage(storage), false);
    expect(storage.items.size).toBe(0);
    storage.setItem("chat.mentionAlerts", '"yes"');
    expect(loadMentionAlerts(asStorage(storage))).toBe(false);
    expect(loadMentionAlerts(throwingStorage())).toBe(false);
    expect(() => saveMentionAlerts(throwingStorage(), true)).not.toThrow();
  });
});

describe("whether the page may notify", () => {
  const Notification = { permission: "default" as NotificationPermission };

  it("follows Notification.permission in a secure context", () => {
    expect(permissionIn({ isSecureContext: true, Notification })).toBe("default");
    expect(permissionIn({ isSecureContext: true, Notification: { permission: "denied" } })).toBe("denied");
  });

  it("cannot where there is no Notification API or the page is not a secure context", () => {
    expect(permissionIn({ isSecureContext: true })).toBe("unsupported");
    expect(permissionIn({ isSecureContext: false, Notification })).toBe("unsupported");
  });
});
