// The page's activation menus, read from the registry: [label, value] pairs for <select> options.

/** The explorer: every entry. */
export const explorerChoices = (ap) => ap.listActivations().map((a) => [`${a.module} — ${a.name}`, a.name]);

/** The explorer's second function, drawn with default parameters: entries without required ones. */
export const compareChoices = (ap) => ap.listActivations().filter((a) => a.params.every((p) => !p.required)).map((a) => [a.name, a.name]);

/** The training view's hidden activation: elementwise entries without required parameters. */
export const trainerChoices = (ap) => ap.listActivations()
  .filter((a) => a.kind === 'elementwise' && a.params.every((p) => !p.required))
  .map((a) => [a.module, a.name]);
