// @brief What the browser tests share: where the programs and the sources
// are, running a program, a coopdec-server child on a free port, Debian's
// chromium without JavaScript, screenshots and the accessibility checks
// every page passes.
//
// Environment (all optional): COOPDEC_BIN_DIR (default <repo>/build/bin),
// COOPDEC_SOURCE_DIR (default <repo>), COOPDEC_SCREENSHOT_DIR (default
// <repo>/build/screenshots).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const binDir = process.env.COOPDEC_BIN_DIR || path.join(repo, 'build', 'bin');
export const sourceDir = process.env.COOPDEC_SOURCE_DIR || repo;
export const shotDir = process.env.COOPDEC_SCREENSHOT_DIR || path.join(repo, 'build', 'screenshots');
export const chromiumPath = '/usr/bin/chromium';
// axe-core, pinned in package-lock.json: injected into each page checked.
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };

// Any single wait (a page, a click, a screenshot, the server's first line),
// generous for a loaded CI.
export const STEP_TIMEOUT_MS = 20_000;

// Resolves with `promise`, or rejects after `ms` with `what` in the message.
export function within(ms, what, promise) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} : pas de réponse en ${ms} ms`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Runs a program to its end; resolves with { code, stdout, stderr }.
export async function run(program, args, options = {}) {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const [code] = await once(child, 'close');  // 'close': its output is all read
    return { code, stdout, stderr };
}

// Fails early, with what to do, when chromium or a program is missing.
export function requirePrograms(programs) {
    if (!fs.existsSync(chromiumPath))
        throw new Error(`chromium introuvable : ${chromiumPath} (Debian : apt-get install chromium). ` +
                        'Ce test a besoin du vrai navigateur.');
    for (const program of programs)
        if (!fs.existsSync(path.join(binDir, program)))
            throw new Error(`${program} introuvable dans ${binDir} (COOPDEC_BIN_DIR) : construire d'abord`);
    fs.mkdirSync(shotDir, { recursive: true });
}

// coopdec-server as a child process on a free port.
export class CoopdecServer {
    // `args`: its options besides --port (--db, --state-dir…).
    constructor(args) {
        this.args = args;
        this.log = '';  // its stderr, shown when something fails
        this.child = null;
    }

    // Resolves with its base URL ("http://127.0.0.1:PORT/") once it printed
    // the line that says where it listens.
    async start() {
        this.child = spawn(path.join(binDir, 'coopdec-server'), [...this.args, '--port', '0'],
                           { stdio: ['ignore', 'pipe', 'pipe'] });
        this.child.stderr.on('data', (d) => { this.log += d; });
        const lines = readline.createInterface({ input: this.child.stdout });
        const listening = new Promise((resolve, reject) => {
            lines.on('line', (line) => {
                const m = /^coopdec-server : à l'écoute sur (http:\/\/127\.0\.0\.1:\d+\/)$/.exec(line);
                if (m) resolve(m[1]);
            });
            this.child.once('error', reject);
            this.child.once('exit', (code, signal) =>
                reject(new Error(`coopdec-server s'est arrêté au démarrage (${code ?? signal}) :\n${this.log}`)));
        });
        return within(STEP_TIMEOUT_MS, 'démarrage de coopdec-server', listening);
    }

    // Stops it with SIGTERM and waits for it to exit cleanly.
    async stop() {
        const child = this.child;
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        let code, signal;
        try {
            [code, signal] = await within(STEP_TIMEOUT_MS, 'arrêt de coopdec-server', exited);
        } catch (e) {
            child.kill('SIGKILL');
            throw e;
        }
        assert.equal(code, 0, `coopdec-server ne s'est pas arrêté proprement (${code ?? signal}) :\n${this.log}`);
    }
}

// The site on the bundled corpus, as the read-only browser tests use it:
// pictures of an earlier run whose names match `stale` removed (one would
// pass for this run's), the corpus indexed into a fresh temporary folder,
// coopdec-server on it (its dossiers in a state folder of its own) and
// chromium (downloads into that folder). Resolves with { baseUrl, browser,
// close }: close() stops the browser and the server and removes the folder.
export async function bundledSite(stale) {
    requirePrograms(['coopdec-index', 'coopdec-server']);
    for (const old of fs.readdirSync(shotDir))
        if (stale.test(old)) fs.rmSync(path.join(shotDir, old));
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'coopdec-browser-'));
    let server, browser;
    const close = async () => {
        try {
            await browser?.close();
            await server?.stop();
        } finally {
            fs.rmSync(tmp, { recursive: true, force: true });
        }
    };
    try {
        // Readable by the user a server started as root becomes (--user, nobody).
        fs.chmodSync(tmp, 0o755);
        const db = path.join(tmp, 'db');
        const indexed = await run(path.join(binDir, 'coopdec-index'), ['--db', db, path.join(sourceDir, 'corpus')]);
        assert.equal(indexed.code, 0, `coopdec-index a échoué :\n${indexed.stderr}${indexed.stdout}`);
        server = new CoopdecServer(['--db', db, '--state-dir', path.join(tmp, 'state')]);
        const baseUrl = await server.start();
        browser = await launchBrowser(tmp);
        return { baseUrl, browser, close };
    } catch (e) {
        await close();
        throw e;
    }
}

// Debian's chromium, headless; nothing goes out to the network but the
// test's own requests.
export function launchBrowser(downloadsPath) {
    return chromium.launch({
        executablePath: chromiumPath,
        headless: true,
        chromiumSandbox: false,
        timeout: 30_000,
        downloadsPath,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
               '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
}

// A fresh browser context without JavaScript, at the given viewport: its
// own cookies, as another person's browser.
export async function newPage(browser, viewport) {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport, locale: 'fr-FR' });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
    return context.newPage();
}

export async function screenshot(page, name) {
    // caret: 'initial' — hiding the caret leaves style="" on every input, which the checks would see.
    await page.screenshot({ path: path.join(shotDir, `${name}.png`), fullPage: true, caret: 'initial' });
}

// The accessibility sanity checks every page must pass.
export async function checkAccessibility(page) {
    const where = new URL(page.url()).pathname + new URL(page.url()).search;
    const found = await page.evaluate(() => {
        const unlabelled = [...document.querySelectorAll('input, select, textarea')]
            .filter((el) => el.type !== 'hidden')
            .filter((el) => el.labels.length === 0 && !el.getAttribute('aria-label') &&
                            !el.getAttribute('aria-labelledby'))
            .map((el) => el.outerHTML);
        const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
        return {
            lang: document.documentElement.getAttribute('lang'),
            mains: document.querySelectorAll('main').length,
            unlabelled,
            styled: [...document.querySelectorAll('[style]')].map((el) => el.outerHTML.slice(0, 120)),
            duplicateIds: [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))],
        };
    });
    assert.equal(found.lang, 'fr', `${where} : <html lang> doit valoir « fr »`);
    assert.equal(found.mains, 1, `${where} : il faut exactement un <main>`);
    assert.deepEqual(found.unlabelled, [], `${where} : champs sans étiquette`);
    assert.deepEqual(found.styled, [], `${where} : attributs style (la CSP les interdit)`);
    assert.deepEqual(found.duplicateIds, [], `${where} : id en double`);
}

// Nothing wider than the viewport (a phone must never scroll sideways).
export async function checkNoHorizontalOverflow(page) {
    const wide = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth <= width) return [];
        return [...document.querySelectorAll('body *')]
            .filter((el) => el.getBoundingClientRect().right > width + 0.5)
            .map((el) => `${el.tagName.toLowerCase()}${el.className ? '.' + el.className : ''}`)
            .slice(0, 10);
    });
    assert.deepEqual(wide, [], `${page.url()} : des éléments dépassent la largeur de l'écran`);
}

// What every page gets as soon as it is shown: its screenshot (first, so a
// failing step still leaves its picture), then the sanity checks.
export async function checkPage(page, shot) {
    await screenshot(page, shot);
    await checkAccessibility(page);
    await checkNoHorizontalOverflow(page);
}

// Injects axe-core into the page and runs the WCAG 2.1 A and AA rules;
// resolves with the violations, one line each.
export async function axeViolations(page) {
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async (tags) => {
        const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
        return result.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')),
        }));
    }, WCAG_TAGS);
    return violations.map((v) => `${v.id} (${v.impact}) : ${v.help} — ${v.targets.slice(0, 6).join(' | ')}` +
                                 (v.targets.length > 6 ? ` … (${v.targets.length} éléments)` : ''));
}

// axe's rules on the page `page` shows, read again at its address in a
// context with JavaScript on (axe is a script; the site has none) and the
// same cookies, so that a reserved page is seen as its reader sees it
// (bypassCSP: the site's policy forbids every script, axe's too).
export async function axeViolationsAt(browser, page) {
    const context = await browser.newContext({
        javaScriptEnabled: true, bypassCSP: true, viewport: page.viewportSize(), locale: 'fr-FR',
    });
    try {
        await context.addCookies(await page.context().cookies());
        const again = await context.newPage();
        await again.goto(page.url());
        return await axeViolations(again);
    } finally {
        await context.close();
    }
}
