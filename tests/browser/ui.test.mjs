// @brief The web interface in a real browser: Debian's chromium, headless,
// JavaScript off (the site must work without it), driven by playwright-core.
//
// Indexes the bundled corpus into a temporary folder, starts coopdec-server
// on a free port, then walks what a person does on a modest phone: search
// without accents, narrow with two values of one facet and one of another,
// open a passage (landing on its anchor, the searched words highlighted) and
// its partnership. Then the same search on a desktop, and the keyboard's
// first stop. Every page visited gets the accessibility sanity checks, and a
// full-page screenshot goes to $COOPDEC_SCREENSHOT_DIR. Then accessibility by
// machine: axe-core's WCAG 2.1 A and AA rules on seven pages at two widths,
// the keyboard's order against the screen's, the focus ring's contrast (in
// the stylesheet and at every Tab stop), and what Chromium's accessibility
// tree reads aloud.
//
// Run: node --test tests/browser/  (or tests/browser/run.sh, as ctest does).
// Environment (all optional): COOPDEC_BIN_DIR (default <repo>/build/bin),
// COOPDEC_SOURCE_DIR (default <repo>), COOPDEC_SCREENSHOT_DIR (default
// <repo>/build/screenshots).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
    sourceDir, shotDir, PHONE, DESKTOP, STEP_TIMEOUT_MS, bundledSite, newPage as newPageOf, screenshot, checkAccessibility, checkNoHorizontalOverflow, checkPage, axeViolations,
} from './harness.mjs';

// What the flow types and clicks: the bundled corpus has these.
const QUERY = 'cooperation decentralisee';  // no accents, as users type
const QUERY_STEMS = /^(cooper|decentralis)/;  // a highlighted word of QUERY, folded
const TYPE_FACET = 'Type de document';
const REGION_FACET = 'Région';
const REGION = 'Plateaux';

let site;       // the index, coopdec-server and chromium (harness.mjs, bundledSite)
let baseUrl;    // http://127.0.0.1:PORT/
let browser;

const newPage = (viewport) => newPageOf(browser, viewport);

// --- Accessibility checked by a machine --------------------------------------

// A colour as [r, g, b] (0–255): #rgb, #rrggbb, rgb(…) or rgba(…) (alpha
// ignored: callers pass opaque colours).
function rgb(colour) {
    const c = colour.trim();
    let m = /^#([0-9a-f]{3})$/i.exec(c);
    if (m) return [...m[1]].map((d) => parseInt(d + d, 16));
    m = /^#([0-9a-f]{6})$/i.exec(c);
    if (m) return [0, 2, 4].map((i) => parseInt(m[1].slice(i, i + 2), 16));
    m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/i.exec(c);
    if (m) return [m[1], m[2], m[3]].map(Number);
    throw new Error(`couleur illisible : « ${colour} »`);
}

// WCAG 2.x relative luminance and contrast ratio (1 to 21).
function luminance(colour) {
    const [r, g, b] = rgb(colour).map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a, b) {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
}

// coopdec.css as rules { selector, body } (comments out, @media bodies
// flattened) and its :root custom properties; `resolve` turns var(--x) into
// its :root value.
function readStylesheet() {
    const css = fs.readFileSync(path.join(sourceDir, 'stylesheets', 'coopdec.css'), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '');
    const rules = [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)]
        .map((m) => ({ selector: m[1].trim(), body: m[2] }));
    const declared = (body, property) =>
        new RegExp(`(?:^|;)\\s*${property}\\s*:\\s*([^;]+)`).exec(body)?.[1].trim();
    const root = rules.find((r) => r.selector === ':root');
    assert.ok(root, 'coopdec.css : règle :root introuvable');
    const vars = Object.fromEntries([...root.body.matchAll(/(--[\w-]+)\s*:\s*([^;]+)/g)].map((m) => [m[1], m[2].trim()]));
    const resolve = (value) => {
        for (let i = 0; i < 5 && /^var\(/.test(value); ++i) value = vars[/^var\((--[\w-]+)\)/.exec(value)[1]];
        return value;
    };
    return { rules, vars, declared, resolve };
}

// Chromium's own accessibility tree (what a screen reader is given): the
// nodes it does not ignore, as { role, name }.
async function accessibilityTree(page) {
    const cdp = await page.context().newCDPSession(page);
    try {
        const { nodes } = await cdp.send('Accessibility.getFullAXTree');
        return nodes.filter((n) => !n.ignored)
            .map((n) => ({ role: n.role?.value ?? '', name: String(n.name?.value ?? '') }));
    } finally {
        await cdp.detach();
    }
}

// The landmarks whose order on screen the keyboard must follow.
const REGIONS = ['header.site', 'section.results', 'aside.facets', 'footer.site'];

// Presses Tab until focus leaves the page (or comes back to its first stop);
// for each stop: the region it is in (REGIONS, or null), what it is, its
// focus ring's colour and the colours the ring is drawn on (on each side,
// the first element under a point just outside the ring that is not the
// focused one, its nearest opaque background).
async function tabThrough(page) {
    const stops = [];
    for (let i = 0; i < 800; ++i) {
        await page.keyboard.press('Tab');
        const stop = await page.evaluate((regions) => {
            const el = document.activeElement;
            if (!el || el === document.body || el === document.documentElement) return null;
            const style = getComputedStyle(el);
            const rect = el.getBoundingClientRect();
            const gap = (parseFloat(style.outlineOffset) || 0) + (parseFloat(style.outlineWidth) || 0) + 1;
            const clampX = (x) => Math.min(Math.max(x, 0), innerWidth - 1);
            const clampY = (y) => Math.min(Math.max(y, 0), innerHeight - 1);
            const midX = clampX(rect.left + rect.width / 2), midY = clampY(rect.top + rect.height / 2);
            // Just outside the ring, on each side: the colour there, the nearest opaque background.
            const backgrounds = [[rect.left - gap, midY], [rect.right + gap, midY], [midX, rect.top - gap], [midX, rect.bottom + gap]]
                .filter(([x, y]) => x >= 0 && x < innerWidth && y >= 0 && y < innerHeight)
                .map(([x, y]) => {
                    let under = document.elementsFromPoint(x, y).find((e) => e !== el && !el.contains(e));
                    for (; under; under = under.parentElement) {
                        const bg = getComputedStyle(under).backgroundColor;
                        if (!/^rgba\(.*,\s*0\)$/.test(bg) && bg !== 'transparent') return bg;
                    }
                    return 'rgb(255, 255, 255)';  // the canvas
                });
            return {
                region: regions.find((r) => el.closest(r)) ?? null,
                what: el.outerHTML.slice(0, 90),
                outline: style.outlineStyle === 'none' ? null : style.outlineColor,
                backgrounds,
            };
        }, REGIONS);
        if (!stop || (stops.length && stop.what === stops[0].what)) break;
        stops.push(stop);
    }
    return stops;
}

// REGIONS present on the page in reading order on screen: top to bottom,
// and left to right for those side by side (vertical extents overlapping).
async function regionsOnScreen(page) {
    const boxes = [];
    for (const r of REGIONS) {
        const box = await page.locator(r).boundingBox();
        if (box) boxes.push({ r, ...box });
    }
    return boxes.sort((a, b) => {
        if (a.y + a.height <= b.y) return -1;
        if (b.y + b.height <= a.y) return 1;
        return a.x - b.x;
    }).map((b) => b.r);
}

// Symbols drawn for the eye only, never to be read aloud.
const DECORATIVE = /[☐☑◆✕←→]/u;
// Labels that say nothing of what a field filters when heard alone.
const BARE_NAMES = new Set(['de', 'à', 'a', 'ok', 'ajouter', 'appliquer', 'autres', 'valider', 'go']);
const CONTROL_ROLES = new Set(['textbox', 'searchbox', 'spinbutton', 'combobox', 'listbox', 'button',
                               'checkbox', 'radio', 'slider', 'switch']);

// The pages axe checks, in the order a person reaches them; each a step
// (goto or click) on `page`. The dossier's passage is added by its button.
const AXE_PAGES = [
    { name: 'accueil', go: (page) => page.goto(baseUrl) },
    { name: 'recherche-filtres', go: (page) => page.goto(`${baseUrl}recherche?q=${encodeURIComponent(QUERY)}&type=convention&year_from=1990&year_to=2020`) },
    { name: 'loi', go: (page) => page.goto(`${baseUrl}doc/akn-tg-act-loi-2019-06-26-2019-006`) },
    { name: 'partenariat', go: (page) => page.goto(`${baseUrl}partenariat/part-ogou-1-niort`) },
    { name: 'apercu', go: (page) => page.goto(`${baseUrl}apercu`) },
    { name: 'communes', go: (page) => page.goto(`${baseUrl}communes`) },
    { name: 'commune', go: (page) => page.goto(`${baseUrl}commune/kloto-1`) },
    { name: 'pays', go: (page) => page.goto(`${baseUrl}pays/FR`) },
    {
        name: 'dossier', go: async (page) => {
            await page.goto(`${baseUrl}doc/conv-kloto-1-bressuire-1991`);
            await page.locator('button[name="e"][value$="#art_3"]').click();
            await page.waitForURL((url) => url.hash === '#art_3');
            await page.goto(`${baseUrl}dossier`);
        },
    },
    {
        name: 'dossier-imprime', go: async (page) => {
            await page.getByRole('button', { name: 'Imprimer (A4)' }).click();
            await page.waitForURL((url) => url.pathname.endsWith('/imprimer'));
        },
    },
];

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
        site = await bundledSite(/^\d\d-.*\.png$/);
        ({ baseUrl, browser } = site);
    });

    after(async () => {
        await site?.close();
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
        // A summary's citation says so (« Citer le résumé … (résumé) »).
        assert.match(await article.locator('p.cite-as').innerText(),
                     /^(Citer : Loi n° .*, art\. 46|Citer le résumé : Loi n° .*, art\. 46 \(résumé\)) · lien permanent$/);
        // The reading links to each cited provision; the agreements rely on law 2019-006's.
        await page.goBack();
        await follow(page, page.locator('p.reading a', { hasText: '2019-006' }));
        await checkPage(page, '12-loi-2019-006-art-46-360');
        assert.match(await page.locator('#art_46 details.cited-by summary').innerText(),
                     /^Cité par \d+ passages?, dont \d+ conventions?$/);
        await page.context().close();
    });

    test("juriste : une loi et ses versions, la version à une date, un lien daté d'une convention", async () => {
        const page = await newPage(PHONE);
        // The work's address: its versions, the one in force today, a date field.
        await page.goto(`${baseUrl}doc/akn-tg-act-loi-2007-03-13-2007-011`);
        assert.match(await page.locator('p.versions').innerText(), /^Versions : 26 juin 2019 — version consolidée/);
        assert.match(await page.locator('p.version-en-vigueur').first().innerText(), /Version en vigueur aujourd’hui/);
        await checkPage(page, '24-loi-versions-360');
        // A date typed in the field: no version of then is in the corpus, said plainly.
        await page.locator('#date-version').fill('2015-01-01');
        await page.locator('#date-version').press('Enter');
        await page.waitForURL((url) => url.searchParams.get('date') === '2015-01-01');
        assert.match(await page.locator('main').innerText(), /Aucune version de ce texte en vigueur le 1er janvier 2015 n'est dans le corpus/);
        await checkPage(page, '25-loi-a-une-date-360');
        // An agreement of 2015 links the law with its date; the law says the text shown is not the one cited.
        await page.goto(`${baseUrl}doc/conv-zio-1-plainfaing-2015`);
        await page.locator('a[href*="cite_le=2015-10-19"]').first().click();
        await page.waitForURL((url) => url.searchParams.get('cite_le') === '2015-10-19');
        assert.match(await page.locator('main').innerText(), /Ce lien vient d’un document du 19 octobre 2015|Ce lien vient d'un document du 19 octobre 2015/);
        await checkPage(page, '26-loi-lien-date-360');
        await page.context().close();
    });

    test('recherche dans un document, erreurs : la saisie gardée, une page au-delà de la dernière', async () => {
        const page = await newPage(PHONE);
        // Inside one document: every passage, paged; the chip names the document by its title.
        await page.goto(`${baseUrl}recherche?q=collectivites&doc=akn-tg-act-loi-2007-03-13-2007-011-v2019-06-26`);
        assert.match(await page.locator('.active').innerText(), /dans : Loi n° 2007-011/);
        const within = Number((await page.locator('p.within').innerText()).match(/^(\d+) passages/)[1]);
        assert.ok(within > 2, 'plus de deux passages');
        assert.equal(await page.locator('ol.hits ul.passages > li').count(), within);
        await checkPage(page, '27-dans-un-document-360');
        // A wrong year: a 400 that keeps the search, says what was wrong, and leads to the search without it.
        const bad = await page.goto(`${baseUrl}recherche?q=eau&type=convention&year_from=deux-mille`);
        assert.equal(bad.status(), 400);
        assert.equal(await page.locator('#q').inputValue(), 'eau');
        assert.match(await page.locator('main').innerText(), /l'année de début doit être un nombre, par exemple 2010/);
        await checkPage(page, '28-erreur-annee-360');
        await page.getByRole('link', { name: 'Relancer la recherche sans ce paramètre' }).click();
        await page.waitForURL((url) => !url.searchParams.has('year_from') && url.searchParams.get('type') === 'convention');
        assert.ok(await page.locator('ol.hits > li').count() > 0);
        // A page past the last: the last one, with a notice.
        await page.goto(`${baseUrl}recherche?q=eau&page=999`);
        assert.match(await page.locator('main').innerText(), /La page 999 n'existe pas : voici la dernière/);
        assert.ok(await page.locator('ol.hits > li').count() > 0);
        await checkPage(page, '29-page-au-dela-360');
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

    test('focus : la bague contraste à 3:1 au moins sur chaque fond de coopdec.css', () => {
        const { rules, vars, declared, resolve } = readStylesheet();
        const focusRule = rules.find((r) => /:focus-visible/.test(r.selector) && declared(r.body, 'outline'));
        assert.ok(focusRule, 'coopdec.css : aucune règle :focus-visible ne dessine de contour');
        const ring = resolve(declared(focusRule.body, 'outline').split(/\s+/).find((t) => /^(#|var\(|rgb)/.test(t)));
        // The header (and the skip link shown over it) may set a ring of its own.
        const header = rules.find((r) => r.selector.split(',').map((x) => x.trim()).includes('header.site') &&
                                         declared(r.body, '--focus'));
        const headerRing = header ? resolve(declared(header.body, '--focus')) : ring;
        const headerBg = resolve(declared(rules.find((r) => r.selector === 'header.site').body, 'background'));
        const failures = [];
        const check = (fg, bg, where) => {
            const ratio = contrast(fg, bg);
            if (ratio < 3) failures.push(`${fg} sur ${bg} (${where}) : ${ratio.toFixed(2)}:1`);
        };
        check(headerRing, headerBg, 'en-tête');
        check(ring, vars['--bg'], 'page');
        for (const r of rules) {
            // The ring is drawn outside its element (outline-offset): a
            // button's own fill and the header (checked above) are not under it.
            if (r.selector === 'button' || r.selector === 'header.site' || r.selector === ':root') continue;
            const bg = declared(r.body, 'background(?:-color)?');
            if (!bg) continue;
            const colour = resolve(bg.split(/\s+/)[0]);
            if (/^(#|rgb)/.test(colour)) check(ring, colour, r.selector);
        }
        assert.deepEqual(failures, [], 'bague de focus sous 3:1');
    });

    for (const viewport of [PHONE, DESKTOP]) {
        test(`axe-core (WCAG 2.1 A et AA) : ${AXE_PAGES.length} pages à ${viewport.width} px`, async () => {
            // JavaScript on, and the CSP set aside, for axe's script only: the
            // DOM checked is the one the server sent (the site has no script).
            const context = await browser.newContext({ javaScriptEnabled: true, bypassCSP: true, viewport, locale: 'fr-FR' });
            context.setDefaultTimeout(STEP_TIMEOUT_MS);
            context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
            const page = await context.newPage();
            const found = [];
            for (const [i, step] of AXE_PAGES.entries()) {
                await step.go(page);
                await screenshot(page, `${40 + i}-a11y-${step.name}-${viewport.width}`);
                const where = new URL(page.url()).pathname;
                for (const v of await axeViolations(page)) found.push(`${step.name} (${where}) : ${v}`);
                // axe does not know which characters are decoration: the tree tells what is read.
                for (const n of await accessibilityTree(page))
                    if (DECORATIVE.test(n.name)) found.push(`${step.name} (${where}) : symbole décoratif lu : ${n.role} « ${n.name} »`);
            }
            await context.close();
            assert.deepEqual(found, [], `violations WCAG 2.1 A/AA à ${viewport.width} px :\n${found.join('\n')}`);
        });
    }

    for (const viewport of [PHONE, DESKTOP]) {
        test(`clavier à ${viewport.width} px : la tabulation suit l'ordre de l'écran, bague visible à chaque arrêt`, async () => {
            const page = await newPage(viewport);
            await page.goto(`${baseUrl}recherche?q=${encodeURIComponent(QUERY)}&type=convention&year_from=1990&year_to=2020`);
            const stops = await tabThrough(page);
            assert.ok(stops.length > 10, `trop peu d'arrêts de tabulation : ${stops.length}`);
            const visited = stops.map((s) => s.region).filter((r, i, all) => r && r !== all[i - 1]);
            assert.deepEqual(visited, await regionsOnScreen(page),
                             "l'ordre de tabulation doit suivre l'ordre des zones à l'écran (haut, puis gauche)");
            const weak = stops.flatMap((s) => (s.outline ? s.backgrounds : ['—'])
                .filter((bg) => !s.outline || contrast(s.outline, bg) < 3)
                .map((bg) => `${s.what} : ${s.outline ? `${s.outline} sur ${bg} (${contrast(s.outline, bg).toFixed(2)}:1)` : 'aucun contour'}`));
            assert.deepEqual(weak, [], 'bague de focus absente ou sous 3:1');
            await page.context().close();
        });
    }

    test("lecteur d'écran : les symboles décoratifs ne sont pas lus, chaque champ dit ce qu'il filtre", async () => {
        const page = await newPage(DESKTOP);
        for (const address of ['', `recherche?q=${encodeURIComponent(QUERY)}&type=convention&year_from=1990&year_to=2020`]) {
            await page.goto(baseUrl + address);
            // The page has what draws each symbol: a value selected, others not, a demo document, an active filter.
            if (address) {
                for (const selector of ['.facet a[aria-current]', '.facet a:not([aria-current])', '.demo', '.active a'])
                    assert.ok(await page.locator(selector).count() > 0, `${selector} absent de /${address}`);
            }
            const tree = await accessibilityTree(page);
            const read = tree.filter((n) => DECORATIVE.test(n.name)).map((n) => `${n.role} « ${n.name} »`);
            assert.deepEqual(read, [], `/${address} : symboles décoratifs lus`);
            const controls = tree.filter((n) => CONTROL_ROLES.has(n.role));
            assert.ok(controls.length >= 4, `/${address} : ${controls.length} champs seulement`);
            const vague = controls.filter((n) => {
                const name = n.name.trim().toLowerCase().replace(/\s*:$/, '');
                return !name || BARE_NAMES.has(name) || /^\d+ autres$/.test(name);
            }).map((n) => `${n.role} « ${n.name} »`);
            assert.deepEqual(vague, [], `/${address} : des champs ne disent pas ce qu'ils filtrent`);
        }
        await page.context().close();
    });
});
