/**
 * Every export the extension offers, in one table: test protocols and the design report today;
 * specification documents (HTML, PDF, DOCX, Markdown) become one more entry here plus its command
 * in package.json. All of them write files, so the table enforces a trusted workspace for each.
 */
export interface ExportKind<Context> {
  readonly command: string;
  /** What the user is doing, for the trust message: "Exporting test protocols". */
  readonly doing: string;
  readonly run: (ctx: Context) => Promise<void>;
}

/** Wraps an export so it runs only in a trusted workspace; `refuse` explains otherwise. */
export function guarded<Context>(
  kind: ExportKind<Context>,
  isTrusted: () => boolean,
  refuse: (doing: string) => void,
): (ctx: Context) => Promise<void> {
  return async (ctx) => {
    if (!isTrusted()) {
      refuse(kind.doing);
      return;
    }
    await kind.run(ctx);
  };
}
