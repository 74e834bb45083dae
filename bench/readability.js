// bench/readability.js - the peer for the HTML reader in `make bench`:
// reads each file named on the command line with jsdom and Mozilla
// Readability and writes its text content to /dev/null, one page after the
// other in one process (as `thidua extract --text` does).  Prints the
// number of pages read and failed on stderr.
// NODE_PATH must hold @mozilla/readability and jsdom.
'use strict';
const fs = require('fs');
const { JSDOM, VirtualConsole } = require('jsdom');
const { Readability } = require('@mozilla/readability');
let ok = 0, failed = 0;
const quiet = new VirtualConsole();
for (const f of process.argv.slice(2)) {
    try {
        const dom = new JSDOM(fs.readFileSync(f), { virtualConsole: quiet });
        const art = new Readability(dom.window.document).parse();
        if (art && art.textContent) ok++; else failed++;
        dom.window.close();
    } catch (e) {
        failed++;
    }
}
process.stderr.write(`readability: ${ok} pages read, ${failed} without article\n`);
