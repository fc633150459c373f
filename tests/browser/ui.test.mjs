// @brief The web interface in a real browser: Debian's chromium, headless,
// JavaScript off (the site must work without it), driven by playwright-core.
//
// Indexes the bundled corpus into a temporary folder, starts coopdec-server
// on a free port, then walks what a person does on a modest phone: search
// without accents, narrow with two values of one facet and one of another,
// open a passage (landing on its anchor, the searched words highlighted) and
// its partnership. Then the same search on a desktop, and the keyboard's
// first stop. Every page visited gets the accessibility sanity checks, and a
// full-page screenshot goes to $COOPDEC_SCREENSHOT_DIR.
//
// Run: node --test tests/browser/  (or tests/browser/run.sh, as ctest does).
// Environment (all optional): COOPDEC_BIN_DIR (default <repo>/build/bin),
// COOPDEC_SOURCE_DIR (default <repo>), COOPDEC_SCREENSHOT_DIR (default
// <repo>/build/screenshots).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const binDir = process.env.COOPDEC_BIN_DIR || path.join(repo, 'build', 'bin');
const sourceDir = process.env.COOPDEC_SOURCE_DIR || repo;
const shotDir = process.env.COOPDEC_SCREENSHOT_DIR || path.join(repo, 'build', 'screenshots');
const chromiumPath = '/usr/bin/chromium';

// What the flow types and clicks: the bundled corpus has these.
const QUERY = 'cooperation decentralisee';  // no accents, as users type
const QUERY_STEMS = /^(cooper|decentralis)/;  // a highlighted word of QUERY, folded
const TYPE_FACET = 'Type de document';
const REGION_FACET = 'Région';
const REGION = 'Plateaux';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };
const STEP_TIMEOUT_MS = 20_000;  // any single wait (a page, a click, a screenshot, the server's first line), generous for a loaded CI

let tmp;        // temporary folder: the index, the browser's downloads
let server;     // the coopdec-server child process
let serverLog = '';  // its stderr, shown when something fails
let baseUrl;    // http://127.0.0.1:PORT/
let browser;

// Resolves with `promise`, or rejects after `ms` with `what` in the message.
function within(ms, what, promise) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} : pas de réponse en ${ms} ms`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Runs a program to its end; resolves with { code, stdout, stderr }.
async function run(program, args) {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const [code] = await once(child, 'close');  // 'close': its output is all read
    return { code, stdout, stderr };
}

// Starts coopdec-server on a free port; resolves with its base URL once it
// printed the line that says where it listens.
async function startServer(db) {
    // The dossiers in a state folder of the test's own, removed with it.
    server = spawn(path.join(binDir, 'coopdec-server'), ['--db', db, '--port', '0', '--state-dir', path.join(tmp, 'state')],
                   { stdio: ['ignore', 'pipe', 'pipe'] });
    server.stderr.on('data', (d) => { serverLog += d; });
    const lines = readline.createInterface({ input: server.stdout });
    const listening = new Promise((resolve, reject) => {
        lines.on('line', (line) => {
            const m = /^coopdec-server : à l'écoute sur (http:\/\/127\.0\.0\.1:\d+\/)$/.exec(line);
            if (m) resolve(m[1]);
        });
        server.once('error', reject);
        server.once('exit', (code, signal) =>
            reject(new Error(`coopdec-server s'est arrêté au démarrage (${code ?? signal}) :\n${serverLog}`)));
    });
    return within(STEP_TIMEOUT_MS, 'démarrage de coopdec-server', listening);
}

// Stops the server with SIGTERM and waits for it to exit.
async function stopServer() {
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = once(server, 'exit');
    server.kill('SIGTERM');
    let code, signal;
    try {
        [code, signal] = await within(STEP_TIMEOUT_MS, 'arrêt de coopdec-server', exited);
    } catch (e) {
        server.kill('SIGKILL');
        throw e;
    }
    assert.equal(code, 0, `coopdec-server ne s'est pas arrêté proprement (${code ?? signal}) :\n${serverLog}`);
}

// A fresh browser context without JavaScript, at the given viewport.
async function newPage(viewport) {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport, locale: 'fr-FR' });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
    return context.newPage();
}

async function screenshot(page, name) {
    // caret: 'initial' — hiding the caret leaves style="" on every input, which the checks would see.
    await page.screenshot({ path: path.join(shotDir, `${name}.png`), fullPage: true, caret: 'initial' });
}

// The accessibility sanity checks every page must pass.
async function checkAccessibility(page) {
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
async function checkNoHorizontalOverflow(page) {
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
async function checkPage(page, shot) {
    await screenshot(page, shot);
    await checkAccessibility(page);
    await checkNoHorizontalOverflow(page);
}

// Clicks a link and waits until the browser shows the page it points to.
async function follow(page, link) {
    const target = new URL(await link.getAttribute('href'), page.url());
    await link.click();
    await page.waitForURL((url) => url.href === target.href);  // a predicate: a string would be a glob
    return target;
}

// The value link `label` of the facet headed `facet` in the facets aside.
function facetValue(page, facet, label) {
    const section = page.locator('aside.facets section.facet')
        .filter({ has: page.locator('h3', { hasText: new RegExp(`^${facet}$`) }) });
    return section.locator('li > a').filter({ hasText: new RegExp(`^${label}\\s+\\d+`) });
}

async function resultTotal(page, headingTag) {
    const text = await page.locator(`${headingTag}#res-title`).innerText();
    const m = /^(\d+) documents? pour « (.*) »$/.exec(text);
    assert.ok(m, `titre des résultats inattendu : « ${text} »`);
    assert.equal(m[2], QUERY);
    return Number(m[1]);
}

async function activeFilters(page) {
    return page.locator('.active li a').evaluateAll((links) =>
        links.map((a) => a.firstChild.textContent.trim()));
}

// Clicks facet value `label`, checks the URL, the selection, the active filters
// and the new total; returns that total.
async function pickFacet(page, facet, label, expect) {
    const link = facetValue(page, facet, label);
    await assert.doesNotReject(link.waitFor(), `valeur « ${label} » absente de la facette « ${facet} »`);
    const count = Number(await link.locator('small').innerText());
    await follow(page, link);
    await checkPage(page, expect.shot);

    const params = new URL(page.url()).searchParams;
    assert.equal(params.get('q'), QUERY);
    for (const [name, values] of Object.entries(expect.params))
        assert.deepEqual(params.getAll(name), values, `paramètre ${name} de ${page.url()}`);
    assert.equal(await facetValue(page, facet, label).getAttribute('aria-current'), 'true',
                 `« ${label} » doit être marqué sélectionné`);
    assert.deepEqual(await activeFilters(page), expect.active);

    const total = await resultTotal(page, 'h1');
    assert.equal(total, expect.total(count), `total après « ${label} » (le lien annonçait ${count})`);
    assert.ok(await page.locator('ol.hits > li').count() > 0, 'aucun résultat listé');
    return total;
}

// Types the query into the header's search box and submits it with Enter.
async function search(page, shot) {
    const box = page.getByLabel(/^Rechercher/);
    assert.equal(await box.getAttribute('id'), 'q');
    await box.fill(QUERY);
    await box.press('Enter');
    await page.waitForURL((url) => url.pathname === '/recherche' && url.searchParams.get('q') === QUERY);
    await checkPage(page, shot);
    const total = await resultTotal(page, 'h1');
    assert.ok(total > 0, `aucun document pour « ${QUERY} »`);
    assert.ok(await page.locator('ol.hits > li article.result').count() > 0, 'aucun résultat listé');
    return total;
}

// Folds a word as the search does: no accents, lower case.
const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

describe('interface web dans chromium, sans JavaScript', () => {
    before(async () => {
        if (!fs.existsSync(chromiumPath))
            throw new Error(`chromium introuvable : ${chromiumPath} (Debian : apt-get install chromium). ` +
                            'Ce test a besoin du vrai navigateur.');
        for (const program of ['coopdec-index', 'coopdec-server'])
            if (!fs.existsSync(path.join(binDir, program)))
                throw new Error(`${program} introuvable dans ${binDir} (COOPDEC_BIN_DIR) : construire d'abord`);
        fs.mkdirSync(shotDir, { recursive: true });
        for (const old of fs.readdirSync(shotDir))  // a stale picture would pass for this run's
            if (/^\d\d-.*\.png$/.test(old)) fs.rmSync(path.join(shotDir, old));
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'coopdec-browser-'));
        // Readable by the user a server started as root becomes (--user, nobody).
        fs.chmodSync(tmp, 0o755);

        const db = path.join(tmp, 'db');
        const indexed = await run(path.join(binDir, 'coopdec-index'), ['--db', db, path.join(sourceDir, 'corpus')]);
        assert.equal(indexed.code, 0, `coopdec-index a échoué :\n${indexed.stderr}${indexed.stdout}`);
        baseUrl = await startServer(db);

        browser = await chromium.launch({
            executablePath: chromiumPath,
            headless: true,
            chromiumSandbox: false,
            timeout: 30_000,
            downloadsPath: tmp,
            // Nothing goes out to the network but the test's own requests.
            args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                   '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        });
    });

    after(async () => {
        try {
            await browser?.close();
            await stopServer();
        } finally {
            if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
        }
    });

    test('JavaScript est bien désactivé dans le navigateur', async () => {
        const page = await newPage(PHONE);
        await page.goto('data:text/html,<title>sans</title><script>document.title = "avec"</script>');
        assert.equal(await page.title(), 'sans');
        await page.context().close();
    });

    test('téléphone 360 px : recherche, facettes, passage, partenariat', async () => {
        const page = await newPage(PHONE);

        await page.goto(baseUrl);
        await checkPage(page, '01-accueil-360');
        assert.match(await page.locator('h2#res-title').innerText(), /^\d+ documents?$/);

        const all = await search(page, '02-recherche-360');

        // Two values of one facet (OR: their disjoint totals add up), then a
        // value of another facet (AND: the count it announced).
        const conventions = await pickFacet(page, TYPE_FACET, 'Convention', {
            params: { type: ['convention'], region: [] },
            active: [`${TYPE_FACET} : Convention`],
            total: (count) => count,
            shot: '03-facette-convention-360',
        });
        assert.ok(conventions <= all);

        await pickFacet(page, TYPE_FACET, 'Entretien', {
            params: { type: ['convention', 'entretien'], region: [] },
            active: [`${TYPE_FACET} : Convention`, `${TYPE_FACET} : Entretien`],
            total: (count) => conventions + count,
            shot: '04-facette-entretien-360',
        });

        await pickFacet(page, REGION_FACET, REGION, {
            params: { type: ['convention', 'entretien'], region: [REGION] },
            active: [`${TYPE_FACET} : Convention`, `${TYPE_FACET} : Entretien`, `${REGION_FACET} : ${REGION}`],
            total: (count) => count,
            shot: '05-facette-region-360',
        });

        // A passage whose snippet highlights a word of the query itself (not a synonym).
        const passages = page.locator('ol.hits ul.passages > li')
            .filter({ has: page.locator('a[href*="#"]') });
        let passage;
        for (const li of await passages.all()) {
            const marks = await li.locator('p mark').allInnerTexts();
            if (marks.some((m) => QUERY_STEMS.test(fold(m)))) { passage = li; break; }
        }
        assert.ok(passage, 'aucun passage ne surligne un mot de la recherche');
        const link = passage.locator('a').first();
        const target = await follow(page, link);
        await checkPage(page, '06-document-360');
        assert.match(target.pathname, /^\/doc\/[^/]+$/);
        assert.equal(target.searchParams.get('q'), QUERY, 'le lien du passage doit porter la recherche');
        const anchor = decodeURIComponent(target.hash.slice(1));
        assert.ok(anchor, 'le lien du passage doit viser une ancre');

        // Landed on the anchor: it is the :target, in view, and highlights the query.
        const landed = await page.evaluate(() => ({ hash: location.hash, target: document.querySelector(':target')?.id }));
        assert.equal(landed.hash, `#${anchor}`);
        assert.equal(landed.target, anchor, 'l\'élément visé par l\'ancre doit être :target');
        const unit = page.locator(`[id="${anchor}"]`);
        assert.equal(await unit.count(), 1, `pas d'élément id="${anchor}"`);
        const box = await unit.boundingBox();
        const view = page.viewportSize();
        assert.ok(box && box.y >= -1 && box.y < view.height && box.x < view.width,
                  `l'élément #${anchor} n'est pas dans la fenêtre (${JSON.stringify(box)})`);
        const marks = await unit.locator('mark').allInnerTexts();
        assert.ok(marks.some((m) => QUERY_STEMS.test(fold(m))),
                  `#${anchor} ne surligne aucun mot de « ${QUERY} » (marques : ${JSON.stringify(marks)})`);

        const docPath = target.pathname;
        const part = await follow(page, page.locator('p.parts a').first());
        await checkPage(page, '07-partenariat-360');
        assert.match(part.pathname, /^\/partenariat\/[^/]+$/);
        assert.match(await page.locator('h2#chrono').innerText(), /^Documents liés \(\d+\)$/);
        assert.equal(await page.locator(`section.timeline a[href="${docPath}"]`).count(), 1,
                     'le partenariat doit lister le document d\'où l\'on vient');
        await page.context().close();
    });

    test('bureau 1280 px : la même recherche, les facettes à côté des résultats', async () => {
        const page = await newPage(DESKTOP);
        await page.goto(baseUrl);
        await search(page, '08-recherche-1280');
        const results = await page.locator('section.results').boundingBox();
        const facets = await page.locator('aside.facets').boundingBox();
        const apart = facets.x + facets.width <= results.x || results.x + results.width <= facets.x;
        assert.ok(apart && Math.abs(facets.y - results.y) < 10, 'les facettes doivent être à côté des résultats');
        await page.context().close();
    });

    test('clavier : la première tabulation atteint « Aller au contenu »', async () => {
        const page = await newPage(DESKTOP);
        await page.goto(baseUrl);
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => ({
            text: document.activeElement.textContent, href: document.activeElement.getAttribute('href'),
        }));
        assert.deepEqual(focused, { text: 'Aller au contenu', href: '#contenu' });
        const box = await page.locator('a.skip').boundingBox();
        assert.ok(box && box.x >= 0 && box.y >= 0 && box.y < DESKTOP.height, 'le lien d\'évitement doit apparaître au focus');
        await screenshot(page, '09-lien-evitement-1280');
        await page.keyboard.press('Enter');
        await page.waitForURL((url) => url.hash === '#contenu');
        assert.equal(await page.evaluate(() => document.querySelector(':target')?.tagName), 'MAIN');
        await page.context().close();
    });

    test("juriste : « art 46 » mène à l'article, lu comme citation, avec « Cité par »", async () => {
        const page = await newPage(PHONE);
        await page.goto(baseUrl);
        const box = page.getByLabel(/^Rechercher/);
        await box.fill('art 46');
        await box.press('Enter');
        await page.waitForURL((url) => url.pathname === '/recherche' && url.searchParams.get('q') === 'art 46');
        await checkPage(page, '10-art-46-360');
        const reading = page.locator('p.reading');
        assert.match(await reading.innerText(), /^Interprété comme : .*Loi n° 2019-006 du 26 juin 2019, art\. 46/);
        // The results lead with the cited article: the first result is a law, its first passage the article.
        const first = page.locator('ol.hits > li').first();
        assert.equal(await first.locator('.meta .type').innerText(), 'Texte juridique');
        const passage = first.locator('ul.passages a').first();
        assert.match(await passage.getAttribute('href'), /#art_46$/);
        await follow(page, passage);
        await checkPage(page, '11-article-46-360');
        assert.equal(new URL(page.url()).hash, '#art_46');
        const target = await page.evaluate(() => document.querySelector(':target')?.id);
        assert.equal(target, 'art_46');
        const article = page.locator('#art_46');
        const rect = await article.boundingBox();
        assert.ok(rect && rect.y < PHONE.height && rect.y + rect.height > 0, "l'article doit être à l'écran");
        assert.match(await article.locator('p.cite-as').innerText(), /^Citer : Loi n° .*, art\. 46 · lien permanent$/);
        // The reading links to each cited provision; the agreements rely on law 2019-006's.
        await page.goBack();
        await follow(page, page.locator('p.reading a', { hasText: '2019-006' }));
        await checkPage(page, '12-loi-2019-006-art-46-360');
        assert.match(await page.locator('#art_46 details.cited-by summary').innerText(),
                     /^Cité par \d+ passages?, dont \d+ conventions?$/);
        await page.context().close();
    });

    test("agent communal : quatre mots dont un manque, un nom de ville, une faute, un nom tapé dans une facette", async () => {
        const page = await newPage(PHONE);
        await page.goto(baseUrl);
        const box = page.getByLabel(/^Rechercher/);
        await box.fill('convention kpalime eau potable');
        await box.press('Enter');
        await page.waitForURL((url) => url.pathname === '/recherche');
        await checkPage(page, '20-resultats-partiels-360');
        // No dead end: the documents with some of the words, each saying what it lacks.
        assert.match(await page.locator('#res-title').innerText(), /^\d+ documents pour/);
        assert.match(await page.locator('p.sort', { hasText: 'tous les mots' }).first().innerText(),
                     /^Aucun document ne contient tous les mots, \d+ en contien(nen)?t une partie\./);
        assert.ok(await page.locator('ol.hits p.meta', { hasText: /^Ne contient pas : / }).count() > 0);
        // The town's name is read as its commune.
        assert.match(await page.locator('p.reading').first().innerText(), /« kpalime » = commune = Kloto 1/);
        // « Tous les mots seulement »: the strict reading, one link, no JavaScript.
        await follow(page, page.getByRole('link', { name: 'Tous les mots seulement' }));
        assert.equal(new URL(page.url()).searchParams.get('mots'), 'tous');
        await checkPage(page, '21-tous-les-mots-360');
        assert.equal(await page.locator('ol.hits p.meta', { hasText: /^Ne contient pas/ }).count(), 0);

        // A misspelt town: the results of the correction, the query as typed a link away.
        await box.fill('jumelge palime');
        await box.press('Enter');
        await page.waitForURL((url) => url.searchParams.get('q') === 'jumelge palime');
        await checkPage(page, '22-correction-360');
        assert.match(await page.locator('p.corrected').innerText(),
                     /^Résultats pour : jumelage kpalime ; rechercher plutôt : jumelge palime$/);
        assert.ok(await page.locator('ol.hits > li').count() > 0);

        // A commune typed by its town's name in the facet box: no 400, the filter read.
        await page.goto(baseUrl + 'recherche?q=jumelage');
        const communeBox = page.locator('aside.facets input[name="commune"]');
        await communeBox.fill('Atakpamé');
        await communeBox.press('Enter');
        await page.waitForURL((url) => url.searchParams.getAll('commune').length > 0);
        await checkPage(page, '23-facette-nom-de-ville-360');
        assert.match(await page.locator('p.reading', { hasText: 'Filtre lu comme' }).innerText(), /Ogou 1/);
        assert.equal(await page.locator('#q').inputValue(), 'jumelage');
        assert.ok(await page.locator('ol.hits > li').count() > 0);
        await page.context().close();
    });

    test('formatrice : un entretien lu par intervenant, puis un passage replacé dans son moment', async () => {
        const page = await newPage(PHONE);
        await page.goto(new URL('/recherche?type=entretien&q=classeur', baseUrl).href);
        await checkPage(page, '30-entretien-contexte-360');
        // The hit shows the turns around it, then leads to its moment.
        const passage = page.locator('ul.passages > li').first();
        assert.equal(await passage.locator('p.ctx').count(), 2);
        const hit = await follow(page, passage.locator('a').first());
        assert.equal(await page.evaluate(() => document.querySelector(':target')?.id), hit.hash.slice(1));
        // The transcript's speakers, as links: read one speaker's turns only.
        await follow(page, page.locator('nav.speakers a', { hasText: 'G. K.' }));
        await checkPage(page, '31-entretien-par-intervenant-360');
        assert.equal(new URL(page.url()).searchParams.get('locuteur'), 'pf');
        const names = await page.locator('.transcript .u .speaker .name').allInnerTexts();
        assert.ok(names.length > 1 && names.every((n) => n === 'G. K.'), `intervenants : ${names}`);
        // Back to the whole transcript at that moment.
        const second = page.locator('.transcript .u').nth(1);
        const id = await second.getAttribute('id');
        await follow(page, second.getByRole('link', { name: "dans l'entretien" }));
        assert.equal(await page.evaluate(() => document.querySelector(':target')?.id), id);
        await page.context().close();
    });

    test('formateur : un dossier de trois passages, sa version imprimée et son PDF', async () => {
        const page = await newPage(PHONE);  // one context: the dossier's cookie lives in it
        // « Ajouter au dossier » (a POST) comes back to the same page, at the
        // passage, confirmed there; the header counts the dossier's passages.
        const add = async (button, count, shot) => {
            const before = new URL(page.url());
            await button.click();
            await page.waitForURL((url) => url.pathname === before.pathname && url.hash !== '');
            await checkPage(page, shot);
            assert.equal(await page.locator('strong.added').count(), 1, 'la confirmation est à côté du passage');
            assert.equal(await page.locator('a.dossier-link').innerText(), `Dossier (${count})`);
        };
        // From a search: the cited article of the law.
        await page.goto(`${baseUrl}recherche?q=${encodeURIComponent('art 46')}`);
        await add(page.locator('ol.hits ul.passages button[name="e"][value="akn-tg-act-loi-2019-06-26-2019-006#art_46"]').first(), 1,
                  '13-dossier-1-360');
        // From document pages: an agreement's clause, an interview's utterance.
        await page.goto(`${baseUrl}doc/conv-kloto-1-bressuire-1991`);
        await add(page.locator('button[name="e"][value$="#art_3"]'), 2, '14-dossier-2-360');
        assert.equal(new URL(page.url()).hash, '#art_3');
        await page.goto(`${baseUrl}doc/ent-amou-1-2020`);
        await add(page.locator('button[name="e"][value$="#u_2"]'), 3, '15-dossier-3-360');
        await follow(page, page.locator('a.dossier-link'));
        assert.equal(await page.locator('ol.dossier > li').count(), 3);

        // Title, a note, and the utterance moved up: all through the one POST form.
        await page.getByLabel('Titre du dossier').fill('Atelier de Kara');
        await page.getByLabel('Note pour le passage 1').fill('Lire avec l’article 47.');
        await page.getByRole('button', { name: 'Monter le passage 3' }).click();
        await page.waitForURL((url) => url.pathname === '/dossier' && url.hash === '#p2');
        await checkPage(page, '16-dossier-edite-360');
        const refs = await page.locator('ol.dossier input[name="e"]').evaluateAll((inputs) => inputs.map((i) => i.value));
        assert.deepEqual(refs, ['akn-tg-act-loi-2019-06-26-2019-006#art_46', 'ent-amou-1-2020#u_2',
                                'conv-kloto-1-bressuire-1991#art_3']);
        assert.equal(await page.getByLabel('Note pour le passage 1').inputValue(), 'Lire avec l’article 47.');
        // A note typed and not saved goes to the printout: « Imprimer » saves first.
        await page.getByLabel('Note pour le passage 2').fill('À discuter en groupe.');
        await page.getByRole('button', { name: 'Imprimer (A4)' }).click();
        await page.waitForURL((url) => /^\/dossier\/[0-9a-f]{32}\/imprimer$/.test(url.pathname));
        assert.match(await page.locator('#passage-2 .note').innerText(), /À discuter en groupe\./);

        // The handout, then printed: A4 pages from the print stylesheet.
        await checkPage(page, '17-dossier-imprime-360');
        assert.equal(await page.locator('h1').innerText(), 'Atelier de Kara');
        assert.equal(await page.locator('nav.toc li').count(), 3);
        assert.match(await page.locator('#passage-1 .note').innerText(), /Lire avec l’article 47\./);
        await page.emulateMedia({ media: 'print' });
        assert.equal(await page.locator('nav.screen').isVisible(), false, 'la navigation ne s’imprime pas');
        await screenshot(page, '18-dossier-impression');
        const pdf = await page.pdf({ path: path.join(shotDir, 'dossier.pdf'), format: 'A4', printBackground: true });
        assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
        await page.context().close();
    });
});
