/**
 * Preloaded with `node -r` into a bot process (test/dev/module-boundary.test.ts runs compiled JavaScript, hence a
 * .js file): on SIGUSR2 it writes the file of every module loaded so far (the keys of require.cache), one per line,
 * to $LOADED_MODULES_FILE. Written to a temporary name and renamed, so a reader never sees half a list.
 */
'use strict';
const fs = require('node:fs');

const out = process.env.LOADED_MODULES_FILE;
if (out) {
  process.on('SIGUSR2', () => {
    fs.writeFileSync(`${out}.tmp`, Object.keys(require.cache).join('\n'));
    fs.renameSync(`${out}.tmp`, out);
  });
}
