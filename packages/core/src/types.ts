export interface Member {
  id: string;
  name: string;
}

export interface Room {
  id: string;
  name: string;
  createdAt: string;
  members: number;
}

export interface Message {
  id: string;
  roomId: string;
  text: string;
  author: Member;
  sentAt: string;
  clientMessageId?: string;
}

export interface Page<T> {
  items: T[];
  cursor: string | null;
}

/** Frames the server sends to a client. */
export type ServerFrame =
  | { type: "message"; message: Message }
  | { type: "join"; member: Member; members: number }
  | { type: "leave"; member: Member; members: number }
  /** Several joins or leaves at once; `members` is the count after all of them. */
  | { type: "presence"; joined: Member[]; left: Member[]; members: number }
  | { type: "typing"; member: Member }
  | { type: "welcome"; you: Member; room: Room; members: Member[] }
  | { type: "error"; error: { code: string; message: string } };
