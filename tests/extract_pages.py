"""Prose for the small pages the extraction tests build: four German sentences of an article."""

SENTENCES = [
    "Die Bienen sammeln im Sommer Nektar und Pollen, damit das Volk gut durch den Winter kommt.",
    "Im Herbst füttert die Imkerin mit Zuckersirup nach, wenn die eigenen Vorräte nicht reichen.",
    "Ein starkes Volk übersteht auch lange Frostperioden, solange es genug Futter erreichen kann.",
    "Erst im Frühjahr, wenn die Weiden blühen, fliegen die Sammlerinnen wieder in großer Zahl aus.",
]
FILLER = "".join(f"<p>{s}</p>" for s in SENTENCES)
