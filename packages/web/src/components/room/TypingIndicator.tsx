export function TypingIndicator({ names }: { names: string[] }) {
  return (
    <p aria-live="polite" className="min-h-5 truncate px-1 text-sm text-slate-500 italic">
      {names.map((name, index) => (
        <span key={`${name}-${index}`}>
          {index > 0 ? " · " : null}
          {name} is typing
        </span>
      ))}
    </p>
  );
}
