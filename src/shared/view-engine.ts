// The EJS view engine of the app. Stock EJS checks the file system (existsSync) for every
// include() before its cache and copies all locals into each include: on the survey page, with
// about fifty includes, that was 40 % of a request. Here every file is compiled once, include
// paths are resolved once per (file, path), and an include sees its caller's locals through the
// prototype chain plus its own data, instead of a copy. The templates and their output are the
// same EJS (same compiler, same escaping).
import fs from 'node:fs';
import path from 'node:path';
import ejs from 'ejs';

type Locals = Record<string, unknown>;
type Include = (includePath: string, data?: Locals) => string;
type ClientTemplate = (locals: Locals, escape: typeof ejs.escapeXML, include: Include) => string;
type ViewCallback = (error: Error | null, html?: string) => void;

interface Templates {
  compiled: Map<string, ClientTemplate>;
  resolved: Map<string, string>;
}

function newTemplates(): Templates {
  return { compiled: new Map(), resolved: new Map() };
}

function compiledTemplate(templates: Templates, file: string): ClientTemplate {
  let template = templates.compiled.get(file);
  if (template === undefined) {
    // client: the compiled function takes include() as an argument instead of EJS's own.
    template = ejs.compile(fs.readFileSync(file, 'utf8'), { filename: file, client: true }) as unknown as ClientTemplate;
    templates.compiled.set(file, template);
  }
  return template;
}

// Like EJS: relative to the including file, ".ejs" added when the path has no extension.
function resolveInclude(templates: Templates, from: string, includePath: string): string {
  const key = `${from}\0${includePath}`;
  let file = templates.resolved.get(key);
  if (file === undefined) {
    file = path.resolve(path.dirname(from), includePath);
    if (!path.extname(file)) file += '.ejs';
    templates.resolved.set(key, file);
  }
  return file;
}

function render(templates: Templates, file: string, locals: Locals): string {
  const include: Include = (includePath, data) => {
    const child = Object.create(locals) as Locals;
    if (data) Object.assign(child, data);
    return render(templates, resolveInclude(templates, file, includePath), child);
  };
  return compiledTemplate(templates, file)(locals, ejs.escapeXML, include);
}

/**
 * An Express view engine for EJS files. With `view cache` on (the app's setting), templates are
 * compiled once per process; with it off, every render reads and compiles them again.
 */
export function ejsViewEngine(): (file: string, options: object, callback: ViewCallback) => void {
  const cached = newTemplates();
  return (file, options, callback) => {
    let html: string;
    try {
      const locals = options as Locals;
      html = render(locals.cache ? cached : newTemplates(), file, locals);
    } catch (error) {
      return callback(error as Error);
    }
    callback(null, html);
  };
}
