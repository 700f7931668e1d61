package deckfile

// smallDeckYAML is a valid deck using every card type, for the loader tests.
const smallDeckYAML = `id: petit
title: Petit jeu d’essai
cards:
  - id: q1
    engagement: 1
    type: qcm
    difficulty: 1
    prompt: Combien d’axes compte mét'ODD ?
    explanation: Trois axes structurent la démarche.
    source: {axis: 1, section: Gouvernance, heading: Nos engagements}
    odd: [16, 17]
    choices: [Deux, Trois, Quatre]
    answer: 1
  - id: vf1
    engagement: 4
    type: vrai-faux
    difficulty: 2
    prompt: Les partenaires mét'ODD sont des agents volontaires.
    explanation: Ils ont signé une charte.
    source: {axis: 1, section: Culture RSO}
    odd: [4]
    choices: [Vrai, Faux]
    answer: 0
  - id: e1
    engagement: 11
    type: estimation
    difficulty: 3
    prompt: Combien d’agents sensibiliser en 2025 ?
    explanation: L’objectif est de 200 agents.
    source: {axis: 3, section: Ressources}
    odd: [12]
    answer: 200
    unit: agents
    time: 45
  - id: c1
    engagement: 6
    type: classement
    difficulty: 2
    prompt: Classez du plus petit au plus grand.
    explanation: Un, deux, trois.
    source: {axis: 2, section: QVCT}
    odd: [3]
    items: [un, deux, trois, quatre]
  - id: a1
    engagement: 12
    type: association
    difficulty: 2
    prompt: Associez chaque action à son axe.
    explanation: Chaque action relève d’un axe.
    source: {axis: 3, section: Mobilités}
    odd: [11, 13]
    groups:
      - name: Gouvernance
        items: [Comité, Charte]
      - name: Environnement
        items: [Vélo, Tri]
  - id: d1
    engagement: 15
    type: defi
    difficulty: 1
    prompt: Citez trois gestes pour réduire les déchets au bureau.
    explanation: Tri, réemploi, dématérialisation.
    source: {axis: 3, section: Déchets}
    odd: [12]
    hints: [tri, gourde, impression recto verso]
commitments:
  - id: gourde
    text: J’utilise une gourde plutôt que des gobelets.
    engagement: 15
  - id: velo
    text: Je viens au travail à vélo une fois par semaine.
    engagement: 12
`
