/** The subjects of the 2022–23 pilot, seeding every new program's taxonomy of needs and expertise. */
export const PILOT_TAXONOMY = [
  { id: "transport", label: "Transport", labelEn: "Transportation" },
  { id: "tri-denrees", label: "Tri des denrées", labelEn: "Food sorting" },
  { id: "entreposage", label: "Entreposage", labelEn: "Storage" },
  { id: "chaine-froid", label: "Chaîne de froid", labelEn: "Cold chain" },
  { id: "vehicules", label: "Choix et achat de véhicules", labelEn: "Choosing and buying vehicles" },
  {
    id: "mutualisation",
    label: "Mutualisation de camions et d'équipements",
    labelEn: "Sharing trucks and equipment",
  },
  {
    id: "donnees",
    label: "Collecte de données et volumes récupérés",
    labelEn: "Data collection and recovered volumes",
  },
  { id: "ges", label: "Calcul des GES évités", labelEn: "Calculating avoided GHG emissions" },
  { id: "tarification", label: "Tarification sociale", labelEn: "Social pricing" },
  { id: "risques", label: "Gestion des risques", labelEn: "Risk management" },
  { id: "gouvernance", label: "Gouvernance", labelEn: "Governance" },
  { id: "partenaires", label: "Mobilisation des partenaires", labelEn: "Engaging partners" },
  {
    id: "financement",
    label: "Financement et demandes de subvention",
    labelEn: "Funding and grant applications",
  },
  {
    id: "retention",
    label: "Rétention du personnel et des bénévoles",
    labelEn: "Staff and volunteer retention",
  },
  { id: "plan-action", label: "Plan d'action", labelEn: "Action plan" },
  { id: "evenements", label: "Événements écoresponsables", labelEn: "Eco-responsible events" },
  {
    id: "commercialisation",
    label: "Commercialisation de denrées transformées",
    labelEn: "Selling processed food",
  },
  { id: "communication", label: "Communication et médias", labelEn: "Communication and media" },
] as const;
