// @brief The contributors' and validators' whole path in a real browser
// (Debian's chromium, headless, JavaScript off), on a copy of the bundled
// corpus that the server publishes into.
//
// The administrator is made by coopdec-admin and sets its password through
// its one-time link; it creates a contributor for Kloto 1 and a validator,
// each of whom sets a password through its own link in a browser of its
// own. The contributor declares a partnership, uploads a scanned agreement
// (a page of text drawn into an image-only PDF: read by OCR on the server)
// and a Word amendment, follows their conversion and submits them. The
// validator accepts the record and the agreement and rejects the amendment
// with a comment. A reader then finds the record, and the agreement by a
// word of its scanned page; their pages show their history; the
// contributor sees the rejection and its comment. Every page visited gets
// the accessibility sanity checks and a screenshot (c-NN-….png).
//
// Run: tests/browser/run.sh contrib.test.mjs (ctest: browser_contrib).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
    binDir, sourceDir, shotDir, PHONE, run, requirePrograms, CoopdecServer, launchBrowser, newPage, checkPage,
    axeViolationsAt,
} from './harness.mjs';

// Passwords as people choose them: long enough, in no common list.
const ADMIN_PASSWORD = 'Tisserand de Kpalimé 1991';
const CONTRIB_PASSWORD = 'Marché du mardi à Kpalimé';
const VALIDATOR_PASSWORD = 'Revue annuelle de la coopération';

// A word of the declared record that nothing in the bundled corpus holds.
const RECORD_WORD = 'Zanzibarville';
// A word of the scanned agreement's page, found once it is published.
const SCAN_WORD = 'apiculture';
const SCAN_TITLE = "Convention Kloto 1 – Bressuire sur l'apiculture (démonstration)";
const WORD_TITLE = 'Avenant Kloto 1 – Bressuire (démonstration)';
const REJECTION = "L'avenant transmis n'est pas signé : joignez la version signée.";

let tmp, corpus, state, server, baseUrl, browser;

// The one-time link's path printed by coopdec-admin or shown on a page.
function setupPath(text) {
    const m = /\/activer\/[A-Za-z0-9_-]+/.exec(text);
    assert.ok(m, `aucun lien d'activation dans :\n${text}`);
    return m[0];
}

// Opens a set-up link in a fresh browser and chooses the password there,
// then signs in; resolves with that person's page.
async function activateAndSignIn(linkPath, login, password, shot) {
    const page = await newPage(browser, PHONE);
    await page.goto(new URL(linkPath, baseUrl).href);
    await checkPage(page, `${shot}-activation`);
    await page.locator('#mot_de_passe').fill(password);
    await page.locator('#confirmation').fill(password);
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    assert.match(await page.locator('main').innerText(), /Mot de passe enregistré/);
    // A used link opens nothing any more.
    const again = await page.goto(new URL(linkPath, baseUrl).href);
    assert.equal(again.status(), 410);
    await page.goto(new URL('/connexion', baseUrl).href);
    await checkPage(page, `${shot}-connexion`);
    await page.locator('#identifiant').fill(login);
    await page.locator('#mot_de_passe').fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    assert.equal(new URL(page.url()).pathname, '/espace');
    await checkPage(page, `${shot}-espace`);
    return page;
}

// The administrator's form: a new account of `role` (and communes); resolves
// with its set-up link's path.
async function createAccount(admin, login, name, role, communes = []) {
    await admin.goto(new URL('/admin/comptes', baseUrl).href);
    await admin.locator('#nouvel_identifiant').fill(login);
    await admin.locator('#nom').fill(name);
    await admin.locator('#role').selectOption(role);
    if (communes.length) await admin.locator('#communes').selectOption(communes);
    await admin.getByRole('button', { name: "Créer le compte et son lien d'activation" }).click();
    const text = await admin.locator('main').innerText();
    assert.match(text, new RegExp(`Compte « ${login} » créé`));
    return setupPath(await admin.locator('.setup-link').innerText());
}

// A scanned page, as a scanner makes it: French text drawn by ghostscript
// into an image-only PDF (no text layer).
async function scannedPdf(dir) {
    const ps = path.join(dir, 'scan.ps');
    fs.writeFileSync(ps, ['%!PS', '/Times-Roman findfont 20 scalefont setfont',
                          '72 700 moveto (CONVENTION DE PARTENARIAT) show',
                          '72 650 moveto (Article 1 : Objet) show',
                          '72 620 moveto (Les deux communes developpent ensemble) show',
                          `72 590 moveto (l'${SCAN_WORD} et la formation des jeunes.) show`,
                          '72 540 moveto (Article 2 : Duree) show',
                          '72 510 moveto (La presente convention vaut pour trois ans.) show',
                          'showpage', ''].join('\n'));
    const out = path.join(dir, 'convention-scannee.pdf');
    const made = await run('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=pdfimage24', '-r300',
                                  `-sOutputFile=${out}`, ps]);
    assert.equal(made.code, 0, `ghostscript : ${made.stderr}`);
    const text = await run('pdftotext', [out, '-']);
    assert.equal(text.stdout.trim(), '', 'le PDF « scanné » ne doit avoir aucune couche de texte');
    return out;
}

// A Word file made by LibreOffice from plain text.
async function wordFile(dir) {
    const txt = path.join(dir, 'avenant.txt');
    fs.writeFileSync(txt, ['AVENANT N° 1', '', 'Article 1 : Objet',
                           "Le présent avenant prolonge la convention d'une année.", ''].join('\n'));
    const made = await run('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/lo`,
                                       '--convert-to', 'docx', '--outdir', dir, txt]);
    const out = path.join(dir, 'avenant.docx');
    assert.ok(fs.existsSync(out), `LibreOffice n'a pas écrit ${out} :\n${made.stderr}${made.stdout}`);
    return out;
}

// Uploads `file` with its metadata from the contributor's page; follows its
// job's page (it reloads itself while the work runs: each load is awaited,
// no timer) until the work is done; resolves with the page's text.
async function upload(page, file, meta, shot) {
    await page.goto(new URL('/espace/depot', baseUrl).href);
    // The commune by its name, the record among the published ones of it.
    assert.equal((await page.locator('#commune option:checked').innerText()).trim(), 'Kloto 1');
    await page.locator('#commune').selectOption('kloto-1');
    await page.locator('#type').selectOption(meta.type);
    await page.locator('#titre').fill(meta.title);
    await page.locator('#date').fill(meta.date);
    assert.equal(await page.locator('#partenariat optgroup[label="Kloto 1"] option[value="part-kloto-1-bressuire"]').count(), 1);
    assert.equal(await page.locator('#partenariat option[value^="part-zio-1-"]').count(), 0);
    await page.locator('#partenariat').selectOption('part-kloto-1-bressuire');
    await page.locator('#fichier').setInputFiles(file);
    await checkPage(page, `${shot}-formulaire`);
    await page.getByRole('button', { name: 'Envoyer' }).click();
    assert.match(new URL(page.url()).pathname, /^\/espace\/travaux\/\d+$/);
    await checkPage(page, `${shot}-travail`);
    let text = await page.locator('main').innerText();
    while (/En attente|En cours/.test(text.split('\n').slice(0, 6).join(' '))) {
        // While it runs, the page says so and asks to be reloaded.
        assert.equal(await page.locator('meta[http-equiv="refresh"]').count(), 1);
        await page.waitForEvent('load', { timeout: 120_000 });
        text = await page.locator('main').innerText();
    }
    await checkPage(page, `${shot}-termine`);
    assert.match(text, /Terminé/, text);
    return text;
}

describe('contributions dans chromium, sans JavaScript', () => {
    before(async () => {
        requirePrograms(['coopdec-index', 'coopdec-server', 'coopdec-admin']);
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'coopdec-contrib-'));
        fs.chmodSync(tmp, 0o755);
        // The server publishes into the corpus: a copy, never the repository's.
        corpus = path.join(tmp, 'corpus');
        fs.cpSync(path.join(sourceDir, 'corpus'), corpus, { recursive: true });
        state = path.join(tmp, 'state');
        const db = path.join(tmp, 'db');
        const indexed = await run(path.join(binDir, 'coopdec-index'), ['--db', db, corpus]);
        assert.equal(indexed.code, 0, `coopdec-index a échoué :\n${indexed.stderr}${indexed.stdout}`);
        // Started as root, the server becomes nobody: it publishes into the
        // corpus and the index as that user.
        if (process.getuid() === 0) {
            const given = await run('chown', ['-R', 'nobody:nogroup', corpus, db]);
            assert.equal(given.code, 0, `chown : ${given.stderr}`);
        }
        server = new CoopdecServer(['--db', db, '--state-dir', state, '--corpus', corpus]);
        baseUrl = await server.start();
        browser = await launchBrowser(tmp);
    });

    after(async () => {
        try {
            await browser?.close();
            await server?.stop();
        } finally {
            if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
        }
    });

    test('un administrateur, un contributeur de Kloto 1 et un validateur : déclarer, valider, trouver', async () => {
        // 1. The first administrator, by the command.
        const made = await run(path.join(binDir, 'coopdec-admin'),
                               ['--state-dir', state, 'create-admin', 'admin', '--name', 'Administratrice']);
        assert.equal(made.code, 0, `coopdec-admin a échoué :\n${made.stderr}${made.stdout}`);
        const admin = await activateAndSignIn(setupPath(made.stdout), 'admin', ADMIN_PASSWORD, 'c-01-admin');

        // 2. The accounts, each with its one-time link.
        const contribLink = await createAccount(admin, 'kloto1', 'Agent de Kloto 1', 'contributeur', ['kloto-1']);
        const validatorLink = await createAccount(admin, 'ministere', 'Direction de la décentralisation', 'validateur');
        await checkPage(admin, 'c-02-admin-comptes');
        assert.deepEqual(await axeViolationsAt(browser, admin), [], '/admin/comptes : règles WCAG');

        // 3. The contributor declares a partnership of its commune.
        const contrib = await activateAndSignIn(contribLink, 'kloto1', CONTRIB_PASSWORD, 'c-03-contributeur');
        await contrib.goto(new URL('/espace/fiche/nouvelle', baseUrl).href);
        await checkPage(contrib, 'c-04-fiche-vide');
        assert.deepEqual(await axeViolationsAt(browser, contrib), [], '/espace/fiche/nouvelle : règles WCAG');
        // A commune that is not its own is not offered.
        const offered = await contrib.locator('select[name="c_cle_0"] option').evaluateAll(
            (options) => options.map((o) => `${o.value} ${o.textContent}`));
        assert.ok(offered.some((o) => /Kloto 1/.test(o)), `Kloto 1 absente des choix : ${offered}`);
        assert.ok(!offered.some((o) => /commune:(?!kloto-1\b)/.test(o)), `une autre commune est offerte : ${offered}`);
        await contrib.locator('#titre').fill(`Jumelage Kloto 1 – ${RECORD_WORD}`);
        await contrib.locator('select[name="c_cle_0"]').selectOption('commune:kloto-1');
        await contrib.locator('#partenaire').fill(RECORD_WORD);
        await contrib.locator('#niveau').selectOption('commune');
        await contrib.locator('#pays').selectOption('FR');
        await contrib.locator('#nature').selectOption('jumelage');
        await contrib.locator('#debut').fill('2024');
        await contrib.locator('#statut').selectOption('actif');
        await contrib.locator('#avertissement').fill('Fiche de démonstration saisie par le test du navigateur.');
        await contrib.locator('#description').fill(`Partenariat de démonstration entre Kloto 1 et ${RECORD_WORD}.`);
        await contrib.locator('#m_annee_0').fill('2024');
        await contrib.locator('#m_source_0').selectOption('partenaire');
        await contrib.locator('#m_montant_0').fill('1 500 000');
        await contrib.locator('#s_texte_0').fill('Délibération du conseil municipal (exemple du test)');
        await contrib.getByRole('button', { name: 'Soumettre' }).click();
        await checkPage(contrib, 'c-05-fiche-soumise');
        assert.match(await contrib.locator('main').innerText(), /Soumis/);

        // 4. It uploads a scanned agreement: read by OCR on the server.
        const scanText = await upload(contrib, await scannedPdf(tmp),
                                      { type: 'convention', title: SCAN_TITLE, date: '2024-05-10' }, 'c-05b-scan');
        assert.match(scanText, /Article 1/);
        assert.match(scanText, new RegExp(SCAN_WORD));
        await contrib.getByRole('button', { name: 'Soumettre' }).click();
        // … and a Word amendment.
        const wordText = await upload(contrib, await wordFile(tmp),
                                      { type: 'avenant', title: WORD_TITLE, date: '2025-01-15' }, 'c-05c-word');
        assert.match(wordText, /prolonge la convention/);
        await contrib.getByRole('button', { name: 'Soumettre' }).click();

        // 5. The validator accepts the record and the agreement, rejects the amendment.
        const validator = await activateAndSignIn(validatorLink, 'ministere', VALIDATOR_PASSWORD, 'c-06-validateur');
        await validator.goto(new URL('/revue', baseUrl).href);
        await checkPage(validator, 'c-07-revue');
        await validator.getByRole('link', { name: new RegExp(RECORD_WORD) }).click();
        await checkPage(validator, 'c-08-revue-fiche');
        assert.match(await validator.locator('main').innerText(), /1 500 000|1500000/);
        await validator.getByRole('button', { name: 'Accepter et publier' }).click();
        await checkPage(validator, 'c-09-acceptee');
        assert.match(await validator.locator('main').innerText(), /Contribution acceptée et publiée/);
        await validator.getByRole('link', { name: SCAN_TITLE }).click();
        await checkPage(validator, 'c-09b-revue-scan');
        assert.match(await validator.locator('main').innerText(), new RegExp(SCAN_WORD));
        await validator.getByRole('button', { name: 'Accepter et publier' }).click();
        assert.match(await validator.locator('main').innerText(), /Contribution acceptée et publiée/);
        await validator.getByRole('link', { name: WORD_TITLE }).click();
        await validator.getByLabel(/Commentaire pour le contributeur/).fill(REJECTION);
        await validator.getByRole('button', { name: 'Refuser' }).click();
        await checkPage(validator, 'c-09c-refusee');
        assert.match(await validator.locator('main').innerText(), /refusée/i);

        // 6. Published: a reader without an account finds them, and their history.
        const reader = await newPage(browser, PHONE);
        await reader.goto(new URL(`/recherche?q=${RECORD_WORD.toLowerCase()}`, baseUrl).href);
        await checkPage(reader, 'c-10-recherche');
        await reader.getByRole('link', { name: `Jumelage Kloto 1 – ${RECORD_WORD}` }).first().click();
        assert.equal(new URL(reader.url()).pathname, `/partenariat/part-kloto-1-${RECORD_WORD.toLowerCase()}`);
        await checkPage(reader, 'c-11-fiche-publiee');
        assert.match(await reader.locator('main').innerText(), /1\s500\s000/);  // grouped with a no-break space
        await reader.getByRole('link', { name: 'Historique' }).click();
        await checkPage(reader, 'c-12-historique');
        assert.match(await reader.locator('main').innerText(), /ministere/);
        await reader.goto(new URL(`/recherche?q=${SCAN_WORD}`, baseUrl).href);
        await checkPage(reader, 'c-12b-recherche-scan');
        await reader.getByRole('link', { name: SCAN_TITLE }).first().click();
        await checkPage(reader, 'c-12c-convention-publiee');
        assert.match(await reader.locator('main').innerText(), new RegExp(SCAN_WORD));
        await reader.getByRole('link', { name: 'Historique' }).click();
        assert.match(await reader.locator('main').innerText(), /ministere/);

        // 7. The contributor sees what became of its submissions.
        await contrib.goto(new URL('/espace/contributions', baseUrl).href);
        await checkPage(contrib, 'c-13-contributions');
        const mine = await contrib.locator('main').innerText();
        assert.match(mine, /Accepté/);
        assert.match(mine, /Refusé/);
        assert.ok(mine.includes(REJECTION), `le commentaire du refus manque :\n${mine}`);
    });
});
