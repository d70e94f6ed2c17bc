/**
 * Roles without a restart (issue #21, ADR 0035), in the browser: the demo's administrator makes a
 * new account a coordinator; she creates a program, withdraws an invitation sent to a mistyped
 * address (its link then says so) and invites a co-coordinator by e-mail, who signs up from the
 * invitation and accepts (she is told); the co-coordinator approves a group the participants
 * formed; the first coordinator steps down, and the program carries on with the second (told too).
 * The participants join and form their group over HTTP (their pages have browser tests of their own).
 */
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../server/seeds/demo";
import { useE2E } from "../helpers/e2e";
import { HttpClient, location } from "../helpers/http";
import { signUp } from "../helpers/signup";
import { auditTrail, outboxMessages, storeSnapshot } from "../helpers/store-snapshot";

const e2e = useE2E();

const ROSALIE = { name: "Rosalie Gagnon", email: "rosalie@table-estrie.exemple.org" };
const OLIVIER = { name: "Olivier Thériault", email: "olivier@reseau-bsl.exemple.org" };

describe("coordinators without a restart", () => {
  it("an administrator makes a new account a coordinator, who creates a program and invites a co-coordinator; the co-coordinator approves a group; the first steps down", async () => {
    // A new account, created as anyone creates one: an ordinary participant account.
    const signup = await signUp(new HttpClient(e2e.url), e2e.server.dataDir, {
      ...ROSALIE,
      password: DEMO_PASSWORD,
    });
    expect(signup.status).toBe(302);

    // The administrator finds her and gives her the coordinator role.
    const admin = await e2e.signedIn("coordination@exemple.org");
    await admin.getByRole("link", { name: "Administration : comptes et rôles" }).click();
    await admin.waitForURL(/\/admin\/users$/);
    await admin.getByLabel("Chercher un nom ou une adresse courriel").fill("rosalie");
    await admin.getByRole("button", { name: "Chercher", exact: true }).click();
    await admin.waitForURL(/q=rosalie/);
    const row = admin.getByRole("row", { name: /Rosalie Gagnon/ });
    expect(await row.getByRole("cell").nth(1).textContent()).toBe("Participation");
    await row.getByRole("button", { name: /Donner le rôle de coordination/ }).click();
    await admin
      .getByRole("status")
      .filter({ hasText: "Rosalie Gagnon a maintenant le rôle de coordination." })
      .waitFor();
    await admin
      .getByText(/Geneviève Lavoie a donné le rôle de coordination à Rosalie Gagnon/)
      .waitFor();

    // She creates a program, whose groups formed by participants wait for approval.
    const rosalie = await e2e.signedIn(ROSALIE.email);
    await rosalie.getByRole("link", { name: "Créer un programme" }).click();
    await rosalie.waitForURL(/\/programs\/new$/);
    await rosalie
      .getByRole("textbox", { name: "Titre", exact: true })
      .fill("Mentorat Estrie et Bas-Saint-Laurent");
    await rosalie
      .getByRole("textbox", { name: "Thème", exact: true })
      .fill("Réemploi alimentaire en région");
    await rosalie.getByLabel("Groupes formés par les participant·es").selectOption("required");
    await rosalie.getByRole("button", { name: "Créer le programme" }).click();
    await rosalie.waitForURL(/\/programs\/[\w-]+\/settings$/);
    const programId = new URL(rosalie.url()).pathname.split("/")[2]!;
    const programPath = `/programs/${programId}`;

    // She first sends the invitation to a mistyped address, and withdraws it.
    const TYPO = "olivier@reseau-bls.exemple.org";
    await rosalie.goto(`${e2e.url}${programPath}/coordinators`);
    await rosalie
      .getByText("Vous êtes la seule personne à coordonner ce programme", { exact: false })
      .waitFor();
    await rosalie.getByLabel("Adresse courriel de la personne").fill(TYPO);
    await rosalie.getByRole("button", { name: "Envoyer l'invitation" }).click();
    await rosalie.getByText(`Invitation envoyée à ${TYPO}.`).waitFor();
    const mistyped = (await outboxMessages([e2e.server.dataDir]))
      .find((m) => m.kind === "coCoordinatorInvitation" && m.to === TYPO)!
      .text.match(/\/co-coordination\/[\w-]{32}/)![0];
    const waiting = rosalie.getByRole("table", { name: "Invitations en attente" });
    await waiting.getByRole("button", { name: `Retirer l'invitation envoyée à ${TYPO}` }).click();
    await rosalie
      .getByRole("status")
      .filter({ hasText: `Invitation à ${TYPO} retirée : son lien ne fonctionne plus.` })
      .waitFor();
    await waiting.waitFor({ state: "detached" });
    const stranger = await e2e.newPage();
    await stranger.goto(`${e2e.url}${mistyped}`);
    await stranger
      .getByRole("alert")
      .filter({ hasText: "Cette invitation a été retirée par la coordination du programme." })
      .waitFor();
    await stranger.close();

    // She invites Olivier to coordinate it with her.
    await rosalie.getByLabel("Adresse courriel de la personne").fill(OLIVIER.email);
    await rosalie.getByRole("button", { name: "Envoyer l'invitation" }).click();
    await rosalie.getByText(`Invitation envoyée à ${OLIVIER.email}.`).waitFor();
    const mail = (await outboxMessages([e2e.server.dataDir])).find(
      (m) => m.kind === "coCoordinatorInvitation" && m.to === OLIVIER.email,
    );
    expect(mail?.subject).toBe("Invitation à coordonner « Mentorat Estrie et Bas-Saint-Laurent »");
    const invitationPath = mail!.text.match(/\/co-coordination\/[\w-]{32}/)![0];

    // Olivier has no account: he creates it from the invitation, then accepts.
    const olivier = await e2e.newPage();
    await olivier.goto(`${e2e.url}${invitationPath}`);
    await olivier
      .getByText("Vous êtes invité·e à coordonner le programme « Mentorat Estrie", { exact: false })
      .waitFor();
    await olivier.getByRole("link", { name: "Je n'ai pas de compte : le créer" }).click();
    await olivier.waitForURL(/\/signup\?redirectTo=/);
    await olivier.getByLabel("Prénom et nom").fill(OLIVIER.name);
    await olivier.getByLabel("Adresse courriel").fill(OLIVIER.email);
    await olivier.getByLabel("Choisissez un mot de passe").fill(DEMO_PASSWORD);
    await olivier.getByLabel(/J'ai lu la politique de confidentialité/).check();
    await olivier.getByRole("button", { name: "Créer mon compte" }).click();
    await olivier.waitForURL(/\/signup\?sent/);
    const activation = (await outboxMessages([e2e.server.dataDir]))
      .find((m) => m.kind === "signUpConfirm" && m.to === OLIVIER.email)!
      .text.match(/\/signup\?confirm=[\w-]+/)![0];
    await olivier.goto(`${e2e.url}${activation}`);
    await olivier.getByRole("button", { name: "Activer mon compte" }).click();
    await olivier.waitForURL((url) => url.pathname === invitationPath);
    await olivier.getByRole("button", { name: "Accepter et coordonner ce programme" }).click();
    await olivier.waitForURL((url) => url.pathname === `${programPath}/coordinators`);
    const list = olivier.getByRole("table", { name: "Qui coordonne ce programme" });
    await list.getByText(ROSALIE.name).waitFor();
    await list.getByText(OLIVIER.name).waitFor();
    // Rosalie is told he joined, in the app and by e-mail; he is not told of his own act.
    const joinedSubject =
      "Olivier Thériault coordonne maintenant « Mentorat Estrie et Bas-Saint-Laurent »";
    const joinedMails = (await outboxMessages([e2e.server.dataDir])).filter(
      (m) => m.kind === "coCoordinatorJoined",
    );
    expect(joinedMails.map((m) => [m.to, m.subject])).toEqual([[ROSALIE.email, joinedSubject]]);
    await rosalie.goto(`${e2e.url}/notifications`);
    await rosalie.getByText(joinedSubject).waitFor();

    // Three participants join with Rosalie's invitations and form a group among themselves.
    const coordinator = new HttpClient(e2e.url);
    await coordinator.signIn(ROSALIE.email);
    const people = [
      { role: "mentor", name: "Mireille Caron", region: "01", mrc: "07" },
      { role: "mentee", name: "Jacob Pelletier", region: "02", mrc: "91" },
      { role: "mentee", name: "Léa Morin", region: "03", mrc: "15" },
    ];
    const clients: HttpClient[] = [];
    for (const [i, person] of people.entries()) {
      const invited = await coordinator.post(`${programPath}/invitations`, {
        intent: "invite",
        role: person.role,
        email: "",
      });
      const token = (await invited.text()).match(/\/invitation\/([\w-]{32})/)![1]!;
      const client = new HttpClient(e2e.url);
      const joined = await client.post(`/invitation/${token}`, {
        name: person.name,
        email: `participant${i}@estrie.exemple.org`,
        password: DEMO_PASSWORD,
        organization: `Frigo solidaire ${person.name}`,
        sector: "",
        region: person.region,
        mrc: person.mrc,
      });
      expect([joined.status, location(joined)]).toEqual([302, `${programPath}/profile`]);
      clients.push(client);
    }
    const store = { engine: "lowdb" as const, dataDir: e2e.server.dataDir };
    const joinedData = await storeSnapshot(store);
    const idOf = (i: number) => {
      const user = joinedData.users.find((u) => u.email === `participant${i}@estrie.exemple.org`)!;
      return joinedData.participants.find((p) => p.userId === user.id && p.programId === programId)!
        .id;
    };
    const proposed = await clients[0]!.post(`${programPath}/groups`, {
      intent: "propose",
      first: idOf(1),
      second: idOf(2),
    });
    expect(proposed.status).toBe(200);
    const proposalId = (await storeSnapshot(store)).groupProposals.find(
      (p) => p.programId === programId,
    )!.id;
    for (const i of [1, 2]) {
      const accepted = await clients[i]!.post(`${programPath}/groups`, {
        intent: "accept",
        proposalId,
      });
      expect(accepted.status).toBe(200);
    }

    // Olivier, co-coordinator, approves the group.
    await olivier.goto(`${e2e.url}${programPath}/formation`);
    const awaiting = olivier.getByRole("region", {
      name: "Groupes formés par les participant·es, à approuver",
    });
    await awaiting.getByText(/Mireille Caron/).waitFor();
    await awaiting.getByRole("button", { name: "Approuver" }).click();
    await expect
      .poll(
        async () =>
          (await storeSnapshot(store)).groups.filter(
            (g) => g.programId === programId && g.status === "active",
          ).length,
      )
      .toBe(1);

    // Rosalie steps down; the program carries on with Olivier.
    await rosalie.goto(`${e2e.url}${programPath}/coordinators`);
    await rosalie.getByRole("button", { name: "Quitter la coordination" }).click();
    // Without the box checked, nothing happens but a message naming it.
    await rosalie
      .getByText("Cochez la case pour confirmer que vous quittez la coordination.")
      .first()
      .waitFor();
    await rosalie.getByLabel("Je confirme que je quitte la coordination de ce programme").check();
    await rosalie.getByRole("button", { name: "Quitter la coordination" }).click();
    await rosalie.waitForURL(/\/dashboard\?steppedDown=1$/);
    await rosalie.getByText("Vous avez quitté la coordination du programme.").waitFor();
    const gone = await rosalie.goto(`${e2e.url}${programPath}/formation`);
    expect(gone?.status()).toBe(404);

    await olivier.goto(`${e2e.url}${programPath}/coordinators`);
    await olivier
      .getByText("Vous êtes la seule personne à coordonner ce programme", { exact: false })
      .waitFor();
    // Olivier is told she left.
    await olivier.goto(`${e2e.url}/notifications`);
    await olivier
      .getByText(
        "Rosalie Gagnon a quitté la coordination de « Mentorat Estrie et Bas-Saint-Laurent »",
      )
      .waitFor();
    const program = (await storeSnapshot(store)).programs.find((p) => p.id === programId)!;
    const olivierId = (await storeSnapshot(store)).users.find((u) => u.email === OLIVIER.email)!.id;
    expect(program.coordinatorIds).toEqual([olivierId]);

    // Every change is in the program's audit trail, by whom it was made.
    const trail = (await auditTrail(store, programId)).map((e) => [e.action, e.actorName]);
    expect(trail).toEqual(
      expect.arrayContaining([
        ["co-coordinator-invited", ROSALIE.name],
        ["co-coordinator-invitation-withdrawn", ROSALIE.name],
        ["co-coordinator-joined", OLIVIER.name],
        ["self-group-approved", OLIVIER.name],
        ["coordinator-stepped-down", ROSALIE.name],
      ]),
    );
  }, 180_000);
});
