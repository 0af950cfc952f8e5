"use client";

import { useEffect, useRef, useState } from "react";
import { QuietButton } from "../QuietButton";

const SHOW_COPIED_MS = 2_000;

type CopyState = { kind: "idle" } | { kind: "copied" } | { kind: "by-hand"; link: string };

/**
 * "Copy link": puts the room's address on the clipboard, to invite people. Where the browser
 * has no clipboard for the page (a page served over plain http from another machine is not a
 * secure context) or refuses, the address is shown selected instead, to copy by hand.
 */
export function CopyLinkButton() {
  const [state, setState] = useState<CopyState>({ kind: "idle" });
  const linkBox = useRef<HTMLInputElement>(null);

  async function copy() {
    const link = `${window.location.origin}${window.location.pathname}`;
    try {
      await navigator.clipboard.writeText(link);
      setState({ kind: "copied" });
    } catch {
      setState({ kind: "by-hand", link });
    }
  }

  useEffect(() => {
    if (state.kind === "copied") {
      const timer = setTimeout(() => setState({ kind: "idle" }), SHOW_COPIED_MS);
      return () => clearTimeout(timer);
    }
    if (state.kind === "by-hand") {
      linkBox.current?.focus();
      linkBox.current?.select();
    }
  }, [state]);

  return (
    <div className="flex items-center text-sm">
      {state.kind === "by-hand" ? (
        <input
          ref={linkBox}
          readOnly
          aria-label="Room link"
          value={state.link}
          onBlur={() => setState({ kind: "idle" })}
          className="w-56 rounded-md border border-line-strong bg-surface px-2 py-1 text-ink-soft"
        />
      ) : (
        <QuietButton onClick={() => void copy()}>Copy link</QuietButton>
      )}
      {/* Always there, so that screen readers announce what comes into it; empty, it takes no room. */}
      <span role="status" className="text-muted">
        {state.kind === "copied" ? <span className="ml-2">Link copied</span> : null}
      </span>
    </div>
  );
}
