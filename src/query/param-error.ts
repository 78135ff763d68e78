/**
 * A parameter the caller got wrong (src/query/params.ts defines them; kept apart so the query
 * modules can raise it without importing the schemas). `param` is its name as the schema spells it; `reason` may
 * name other parameters as `@name`. `describe` words it with the names a caller knows (the CLI's
 * --flags); the message uses the schema's.
 */
export class ParamError extends Error {
  constructor(
    readonly param: string,
    readonly reason: string,
  ) {
    super(withName(param, reason).replace(/@(\w+)/g, '$1'));
  }

  describe(nameOf: (param: string) => string): string {
    return withName(nameOf(this.param), this.reason.replace(/@(\w+)/g, (_, p: string) => nameOf(p)));
  }
}

const withName = (name: string, reason: string) => (reason.startsWith(':') ? `${name}${reason}` : `${name} ${reason}`);
