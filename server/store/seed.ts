/**
 * First-start data. With demo data (the default), a living program: the pilot's theme, one
 * coordinator and 18 participants from fictional food-reuse organizations spread over several
 * regions and MRCs. Every demo account uses the password `maillage-demo`.
 * Production with MAILLAGE_DEMO=0 starts from an empty document.
 */
import { hashPassword } from "../security/password";
import { emptyDocument, SCHEMA_VERSION, type ParticipantRole, type StoreDocument } from "./schema";

export const DEMO_PASSWORD = "maillage-demo";
export const DEMO_COORDINATOR_EMAIL = "coordination@exemple.org";
export const DEMO_PROGRAM_ID = "prog-reemploi-2026";

interface DemoPerson {
  key: string;
  first: string;
  last: string;
  role: ParticipantRole;
  org: string;
  region: string;
  mrc: string;
  sector: string;
  competitors?: string[];
}

/** Fictional organizations and people: any resemblance to a real organization is accidental. */
export const DEMO_PEOPLE: DemoPerson[] = [
  {
    key: "louise",
    first: "Louise",
    last: "Bérubé",
    role: "mentor",
    org: "Le Grenier partagé de la Mitis",
    region: "01",
    mrc: "09",
    sector: "Banque alimentaire",
  },
  {
    key: "marc",
    first: "Marc",
    last: "Tremblay",
    role: "mentor",
    org: "Banque alimentaire Fjord-et-Lac",
    region: "02",
    mrc: "942",
    sector: "Banque alimentaire",
  },
  {
    key: "nathalie",
    first: "Nathalie",
    last: "Gagnon",
    role: "mentor",
    org: "La Halte gourmande de Québec",
    region: "03",
    mrc: "23",
    sector: "Épicerie solidaire",
  },
  {
    key: "patrice",
    first: "Patrice",
    last: "Lemieux",
    role: "mentor",
    org: "Frigos solidaires de la Mauricie",
    region: "04",
    mrc: "371",
    sector: "Frigo communautaire",
  },
  {
    key: "sylvie",
    first: "Sylvie",
    last: "Côté",
    role: "mentor",
    org: "Épicerie solidaire L'Entre-Deux",
    region: "06",
    mrc: "66",
    sector: "Épicerie solidaire",
  },
  {
    key: "yves",
    first: "Yves",
    last: "Lachance",
    role: "mentor",
    org: "Coop Récolte urbaine de l'Outaouais",
    region: "07",
    mrc: "81",
    sector: "Récupération et transformation",
  },
  {
    key: "amelie",
    first: "Amélie",
    last: "Roy",
    role: "mentee",
    org: "Le Panier collectif de Rimouski",
    region: "01",
    mrc: "10",
    sector: "Cuisine collective",
  },
  {
    key: "benoit",
    first: "Benoît",
    last: "Girard",
    role: "mentee",
    org: "Entraide alimentaire des Cantons",
    region: "05",
    mrc: "43",
    sector: "Banque alimentaire",
  },
  {
    key: "chloe",
    first: "Chloé",
    last: "Pelletier",
    role: "mentee",
    org: "Frigo communautaire du Granit",
    region: "05",
    mrc: "30",
    sector: "Frigo communautaire",
  },
  {
    key: "david",
    first: "David",
    last: "Morin",
    role: "mentee",
    org: "Cuisine collective de Rouyn-Noranda",
    region: "08",
    mrc: "86",
    sector: "Cuisine collective",
  },
  {
    key: "emilie",
    first: "Émilie",
    last: "Fortin",
    role: "mentee",
    org: "Récup'Aliments Laval",
    region: "13",
    mrc: "65",
    sector: "Récupération et transformation",
  },
  {
    key: "francois",
    first: "François",
    last: "Bouchard",
    role: "mentee",
    org: "Le Comptoir de Joliette",
    region: "14",
    mrc: "61",
    sector: "Épicerie solidaire",
  },
  {
    key: "isabelle",
    first: "Isabelle",
    last: "Gauthier",
    role: "mentee",
    org: "Table alimentaire de la Rivière-du-Nord",
    region: "15",
    mrc: "75",
    sector: "Banque alimentaire",
  },
  {
    key: "julien",
    first: "Julien",
    last: "Ouellet",
    role: "mentee",
    org: "Marché solidaire du Haut-Richelieu",
    region: "16",
    mrc: "56",
    sector: "Épicerie solidaire",
  },
  {
    key: "karine",
    first: "Karine",
    last: "Caron",
    role: "mentee",
    org: "Épicerie du cœur de Drummond",
    region: "17",
    mrc: "49",
    sector: "Épicerie solidaire",
  },
  {
    key: "mathieu",
    first: "Mathieu",
    last: "Bélanger",
    role: "mentee",
    org: "Cuisines partagées de Lévis",
    region: "12",
    mrc: "251",
    sector: "Cuisine collective",
  },
  {
    key: "sophie",
    first: "Sophie",
    last: "Dubé",
    role: "mentee",
    org: "Le Frigo du quartier Saint-Roch",
    region: "03",
    mrc: "23",
    sector: "Frigo communautaire",
    competitors: ["nathalie"],
  },
  {
    key: "thomas",
    first: "Thomas",
    last: "Leclerc",
    role: "mentee",
    org: "Banque alimentaire de la Côte-de-Gaspé",
    region: "11",
    mrc: "03",
    sector: "Banque alimentaire",
  },
];

export async function demoDocument(now = new Date()): Promise<StoreDocument> {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString();
  const doc = emptyDocument();
  const coordinatorId = "u-coordination";
  doc.users.push({
    id: coordinatorId,
    email: DEMO_COORDINATOR_EMAIL,
    name: "Geneviève Lavoie",
    role: "coordinator",
    passwordHash: await hashPassword(DEMO_PASSWORD),
    locale: "fr",
    createdAt: at(120),
  });
  doc.programs.push({
    id: DEMO_PROGRAM_ID,
    title: "Maillages et mentorat 2026-2027",
    theme: "Optimisation du réemploi alimentaire en milieu communautaire",
    subThemes: ["Logistique", "Synergies"],
    description:
      "Des organismes en réemploi alimentaire (banques alimentaires, frigos communautaires, épiceries solidaires) " +
      "se regroupent par trois : une personne mentore d'expérience et deux personnes mentorées de régions différentes. " +
      "Environ 20 heures sur 4 à 6 mois, une rencontre d'environ 2 heures toutes les 2 à 4 semaines.",
    coordinatorIds: [coordinatorId],
    status: "active",
    composition: "mentorship",
    regionRule: "distinct-regions",
    mentoringStart: "2027-01-11",
    mentoringEnd: "2027-06-11",
    hourBankHours: 20,
    createdAt: at(120),
  });
  const hashes = await Promise.all(DEMO_PEOPLE.map(() => hashPassword(DEMO_PASSWORD)));
  DEMO_PEOPLE.forEach((person, index) => {
    doc.organizations.push({
      id: `org-${person.key}`,
      name: person.org,
      region: person.region,
      mrc: person.mrc,
      sector: person.sector,
      competitorIds: (person.competitors ?? []).map((key) => `org-${key}`),
      createdAt: at(90),
    });
    doc.users.push({
      id: `u-${person.key}`,
      email: `${person.key}@exemple.org`,
      name: `${person.first} ${person.last}`,
      role: "participant",
      passwordHash: hashes[index]!,
      locale: "fr",
      createdAt: at(90 - index),
    });
    doc.participants.push({
      id: `p-${person.key}`,
      programId: DEMO_PROGRAM_ID,
      userId: `u-${person.key}`,
      organizationId: `org-${person.key}`,
      role: person.role,
      joinedAt: at(80 - index),
    });
  });
  doc.schemaVersion = SCHEMA_VERSION;
  return doc;
}
