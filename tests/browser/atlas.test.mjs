// @brief The atlas and the yearly state in a real browser (Debian's chromium,
// headless, JavaScript off): /carte, /commune/kloto-1, /communes and
// /etat?de=2015&a=2024 on a phone (360×740) and a desktop (1280×900).
//
// Indexes the bundled corpus into a temporary folder and starts
// coopdec-server on a free port. Each page gets the accessibility sanity
// checks, nothing wider than the screen, and a full-page screenshot in
// $COOPDEC_SCREENSHOT_DIR (a-<page>-<width>.png; the README shows a few of
// them from docs/screenshots/); so do a country, a partner, a commune with
// demonstration amounts and the state of 1950–2030. Then the four pages' key
// content, as a reader sees it:
// the maps drawn and inside the screen's width, the commune's partnerships,
// the 117 communes, the report's headline figures (recounted from the
// records' XML) and its demonstration amounts marked as such.
//
// Run: tests/browser/run.sh atlas.test.mjs (ctest: browser_atlas).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { sourceDir, PHONE, bundledSite, newPage, checkPage } from './harness.mjs';

const DESKTOP_ATLAS = { width: 1280, height: 900 };
const WIDTHS = [['360', PHONE], ['1280', DESKTOP_ATLAS]];
const FROM = 2015, TO = 2024;

let site, baseUrl, browser;

// What the bundled records say of FROM–TO, read from their XML: the
// records signed in the period and whether any amount line lies in it.
function recordsOfPeriod() {
    const dir = path.join(sourceDir, 'corpus', 'partenariats');
    let signed = 0, amounts = 0;
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.xml'))) {
        const xml = fs.readFileSync(path.join(dir, name), 'utf8');
        const start = /<periode\s[^>]*debut="(\d{4})"/.exec(xml);
        if (start && +start[1] >= FROM && +start[1] <= TO) ++signed;
        for (const m of xml.matchAll(/<montant\s[^>]*annee="(\d{4})"/g))
            if (+m[1] >= FROM && +m[1] <= TO) ++amounts;
    }
    return { signed, amounts };
}

// Every <svg class="map"> of the page: drawn (a non-empty box) and no wider
// than the screen.
async function checkMaps(page, expected) {
    const boxes = await page.locator('main svg.map').evaluateAll((svgs) => svgs.map((s) => {
        const r = s.getBoundingClientRect();
        return { left: r.left, right: r.right, width: r.width, height: r.height };
    }));
    assert.equal(boxes.length, expected, `${page.url()} : ${expected} cartes attendues`);
    const width = page.viewportSize().width;
    for (const b of boxes) {
        assert.ok(b.width > 100 && b.height > 100, `carte trop petite ou vide : ${JSON.stringify(b)}`);
        assert.ok(b.left >= 0 && b.right <= width + 0.5, `carte hors de l'écran (${width} px) : ${JSON.stringify(b)}`);
    }
}

describe('atlas et état annuel dans un vrai navigateur', () => {
    before(async () => {
        site = await bundledSite(/^a-.*\.png$/);
        ({ baseUrl, browser } = site);
    });

    after(async () => {
        await site?.close();
    });

    for (const [label, viewport] of WIDTHS) {
        test(`${label} px : carte, commune, communes, état ${FROM}–${TO}`, async () => {
            const page = await newPage(browser, viewport);
            const open = async (address, shot) => {
                const answer = await page.goto(new URL(address, baseUrl).href);
                assert.equal(answer.status(), 200, address);
                await checkPage(page, `a-${shot}-${label}`);
            };

            await open('/carte', 'carte');
            await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Les partenariats sur la carte' })
                .waitFor({ state: 'visible' }));
            await checkMaps(page, 3);
            // Each map's shaded areas are links to their search.
            assert.ok(await page.locator('main svg.map a').count() > 3);

            await open('/commune/kloto-1', 'commune-kloto-1');
            await page.getByRole('heading', { level: 1, name: 'Commune de Kloto 1' }).waitFor({ state: 'visible' });
            await page.getByRole('link', { name: 'Bressuire' }).first().waitFor({ state: 'visible' });
            await page.getByRole('heading', { name: 'Données manquantes' }).waitFor({ state: 'visible' });

            await open('/communes', 'communes');
            assert.equal(await page.locator('main a[href^="/commune/"]').count(), 117);
            await page.getByRole('link', { name: 'Kloto 1' }).waitFor({ state: 'visible' });

            await open(`/etat?de=${FROM}&a=${TO}`, `etat-${FROM}-${TO}`);
            const text = await page.locator('main').innerText();
            const expected = recordsOfPeriod();
            const signed = /Partenariats et accords signés : (\d+) ; communes engagées : (\d+)/.exec(text);
            assert.ok(signed, `les chiffres en tête de l'état manquent :\n${text.slice(0, 600)}`);
            assert.equal(+signed[1], expected.signed);
            assert.ok(+signed[2] > 0);
            await page.getByRole('link', { name: signed[1], exact: true }).first().waitFor({ state: 'visible' });
            await page.getByRole('heading', { name: 'Montants mobilisés (FCFA)' }).waitFor({ state: 'visible' });
            // The same period's downloads.
            for (const name of ['PDF', 'Tableur (.ods)', 'CSV'])
                await page.getByRole('link', { name, exact: true }).first().waitFor({ state: 'visible' });
            // The bundled amounts are demonstration records' only: every line says so.
            assert.ok(expected.amounts > 0, 'aucun montant dans la période : les fiches de démonstration en donnent');
            const rows = page.locator('main table:has(th:text-is("Montant (FCFA)")) tbody tr');
            const n = await rows.count();
            assert.ok(n > 0);
            assert.equal(await rows.filter({ hasText: 'montant de démonstration' }).count(), n);
            await page.getByRole('heading', { name: 'Données manquantes' }).waitFor({ state: 'visible' });

            // The atlas's other kinds of page, and the widest state: the same checks.
            for (const [address, shot] of [['/pays/FR', 'pays-fr'], ['/partenaire/bressuire-fr', 'partenaire'],
                                           ['/commune/golfe-4', 'commune-golfe-4'], ['/etat?de=1950&a=2030', 'etat-tout']])
                await open(address, shot);
            await page.context().close();
        });
    }
});
