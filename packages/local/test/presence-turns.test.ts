import { useTestStack } from "@chat/test-support/stack";
import { expect, it } from "vitest";

// The pacing of a big room's presence notices, against DynamoDB Local: when a
// notice may go, and how long one that may not is told to wait.

const _chat = useTestStack({});
const NOW = 1_800_000_000_000;

/** A room of `members` whose next turn is a minute away and whose last join was `changedAgoMs` ago. */
async function pacedRoom(members: number, changedAgoMs: number) {
  const [{ createRoom }, { updateIfCondition }, { roomKey }] = await Promise.all([
    import("@chat/core/rooms"),
    import("@chat/core/db"),
    import("@chat/core/keys"),
  ]);
  const room = await createRoom("paced");
  await updateIfCondition({
    Key: roomKey(room.id),
    UpdateExpression:
      "SET members = :members, presenceNextAt = :nextAt, presenceGapMs = :gap, presenceChangedAt = :changed",
    ExpressionAttributeValues: {
      ":members": members,
      ":nextAt": NOW + 60_000,
      ":gap": 60_000,
      ":changed": NOW - changedAgoMs,
    },
  });
  return room.id;
}

const claim = async (roomId: string, changes: number) =>
  (await import("@chat/core/presence-pacing")).claimPresenceTurn(roomId, changes, NOW);

it("a notice before its turn waits for the turn", async () => {
  expect(await claim(await pacedRoom(320, 0), 1)).toEqual({ turn: false, waitSeconds: 60 });
});

it("once the room is quiet for half a second, a notice with one change per 16 members goes before its turn", async () => {
  const roomId = await pacedRoom(320, 600);
  expect(await claim(roomId, 20)).toEqual({ turn: true, gapMs: expect.any(Number) });
  // Only the notices that are many enough go early: a single join after it waits.
  expect((await claim(roomId, 1)).turn).toBe(false);
});

it("in a quiet room, a notice with too few changes for its size still waits for the turn", async () => {
  expect(await claim(await pacedRoom(320, 5000), 19)).toEqual({ turn: false, waitSeconds: 60 });
});

it("while joins keep coming, a notice that could go early looks again in a second", async () => {
  expect(await claim(await pacedRoom(320, 200), 20)).toEqual({ turn: false, waitSeconds: 1 });
});
