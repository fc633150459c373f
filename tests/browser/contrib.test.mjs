// @brief The contributors' and validators' whole path in a real browser
// (Debian's chromium, headless, JavaScript off), on a copy of the bundled
// corpus that the server publishes into.
//
// The administrator is made by coopdec-admin and sets its password through
// its one-time link; it creates a contributor for Kloto 1 and a validator,
// each of whom sets a password through its own link in a browser of its
// own. The contributor declares a partnership and submits it; the
// validator sees it in its queue, and accepts it; a search then finds the
// new record and its page shows its history. Every page visited gets the
// accessibility sanity checks and a screenshot (c-NN-….png).
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

        // 4. The validator reviews and accepts it.
        const validator = await activateAndSignIn(validatorLink, 'ministere', VALIDATOR_PASSWORD, 'c-06-validateur');
        await validator.goto(new URL('/revue', baseUrl).href);
        await checkPage(validator, 'c-07-revue');
        await validator.getByRole('link', { name: new RegExp(RECORD_WORD) }).click();
        await checkPage(validator, 'c-08-revue-fiche');
        assert.match(await validator.locator('main').innerText(), /1 500 000|1500000/);
        await validator.getByRole('button', { name: 'Accepter et publier' }).click();
        await checkPage(validator, 'c-09-acceptee');
        assert.match(await validator.locator('main').innerText(), /Contribution acceptée et publiée/);

        // 5. Published: a reader without an account finds it, and its history.
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

        // 6. The contributor sees what became of its submission.
        await contrib.goto(new URL('/espace/contributions', baseUrl).href);
        await checkPage(contrib, 'c-13-contributions');
        assert.match(await contrib.locator('main').innerText(), /Accepté/);
    });
});
