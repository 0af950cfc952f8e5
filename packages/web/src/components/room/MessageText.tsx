import { Fragment } from "react";
import { splitLinks } from "@/lib/links";
import { formatMessage } from "@/lib/message-format";
import { splitQuotes } from "@/lib/quotes";

/** Plain text, its web addresses as links that open in a new tab. */
function LinkedText({ text }: { text: string }) {
  return splitLinks(text).map((part) =>
    "url" in part ? (
      <a
        key={part.at}
        href={part.url}
        target="_blank"
        rel="noopener noreferrer nofollow"
        className="text-accent underline"
      >
        {part.url}
      </a>
    ) : (
      <Fragment key={part.at}>{part.text}</Fragment>
    ),
  );
}

// Tinted with the text's own colour, so code stands out on every kind of message, in both schemes.
const codeTint = "rounded bg-ink/8 font-mono";

/** Text with `code` and ```blocks``` as code, web addresses elsewhere as links. */
function FormattedText({ text }: { text: string }) {
  return formatMessage(text).map((piece) =>
    piece.kind === "codeBlock" ? (
      <pre key={piece.at} className={`${codeTint} my-1 overflow-x-auto px-2 py-1.5 text-sm whitespace-pre`}>
        <code>{piece.text}</code>
      </pre>
    ) : piece.kind === "code" ? (
      <code key={piece.at} className={`${codeTint} px-1 py-0.5 text-[0.9em]`}>
        {piece.text}
      </code>
    ) : (
      <LinkedText key={piece.at} text={piece.text} />
    ),
  );
}

/** A message's text: lines starting with ">" as a quote, then code and links as FormattedText shows them. */
export function MessageText({ text, id }: { text: string; id?: string }) {
  return (
    <div id={id} dir="auto" className="whitespace-pre-wrap [overflow-wrap:anywhere]" data-message-text="">
      {splitQuotes(text).map((part) =>
        part.quoted ? (
          <blockquote key={part.at} className="my-0.5 border-l-4 border-line-strong pl-2 text-ink-soft">
            <FormattedText text={part.text} />
          </blockquote>
        ) : (
          <FormattedText key={part.at} text={part.text} />
        ),
      )}
    </div>
  );
}
