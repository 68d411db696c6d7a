"""Planning casework that comes round again: the same kind of proposal on another street a year or two
later (a phone mast, a hot food takeaway, a protected tree, a garage annexe...), and other business on
the same streets. Each case is an ordinary application heard by the Planning Committee."""

from __future__ import annotations

from .spec import Ctx, Provider, Spec
from .subjects_planning import application

_CASES: dict[str, dict] = {
    # A telecommunications mast on a verge, then another in the next ward.
    "mast-cedar": dict(
        ref="23/02411/TEL", site="Grass verge opposite 14 Cedar Avenue",
        proposal="Installation of a 20 metre telecommunications monopole with three equipment "
                 "cabinets",
        detail="The operator said that the mast was needed to fill a gap in 5G coverage and that "
               "no rooftop site was available nearby.",
        objector="holloway", objection="said that the monopole would tower over the front "
        "gardens and that parents were worried about its closeness to the nursery.",
        support="said that the equipment met the international guidelines on radio emissions.",
        qa=(("asked whether the monopole could be painted green to reduce its impact.",
             "said that a condition could require a dark green finish."),),
        outcome="grant", agent="kovacs"),
    "mast-abbey": dict(
        ref="25/00874/TEL", site="Highway verge outside 2 Abbey Road",
        proposal="Installation of an 18 metre telecommunications monopole with two equipment "
                 "cabinets",
        detail="The operator had looked at six other locations. Members were reminded that health "
               "effects could not be a reason for refusal where the equipment met the radio "
               "emission guidelines.",
        objector="patel", objection="said that the monopole and cabinets would clutter a narrow "
        "footway used by wheelchair users.",
        support="said that the cabinets had been moved to leave a footway of 1.8 metres.",
        qa=(("asked whether the mast could be shared with other operators.",
             "said that the monopole was designed for two operators."),),
        outcome="refuse", mover="whitlock",
        reasons=("The monopole and cabinets, by reason of their height and siting, would be "
                 "visually intrusive in the street scene and obstruct the footway.",)),
    # A shop becoming a hot food takeaway, twice.
    "takeaway-chapel": dict(
        ref="23/00957/FUL", site="15 Chapel Street",
        proposal="Change of use from shop (Class E) to hot food takeaway (sui generis) with a rear "
                 "extraction flue",
        detail="The premises were within 400 metres of Brookfield Primary School and the draft "
               "Local Plan sought to limit new takeaways near schools.",
        objector="ng", objection="said that cooking smells from the flue would reach the flats "
        "above the neighbouring shops and that litter was already a problem.",
        support="said that the takeaway would not open until after school hours.",
        qa=(("asked whether the flue would be fitted with odour filters.",
             "said that a condition would require carbon filters and regular maintenance."),),
        outcome="refuse", mover="chard",
        reasons=("The hot food takeaway would be within 400 metres of a primary school, "
                 "contrary to the Council's healthy food environment policy.",)),
    "takeaway-harbour": dict(
        ref="26/00112/FUL", site="8 Harbour Parade",
        proposal="Change of use from shop (Class E) to hot food takeaway (sui generis) with an "
                 "extraction flue and opening hours until 11pm",
        detail="The unit had been vacant for eighteen months. The nearest school was more than a "
               "kilometre away.",
        objector="harding", objection="said that a late takeaway would bring noise and litter to "
        "the seafront in the evenings.",
        support="said that the business would employ eight local people.",
        qa=(("asked how smells from the extraction flue would be controlled.",
             "said that the flue would have carbon filters and discharge above the roof."),),
        outcome="grant"),
    # A protected tree, twice.
    "tpo-elm": dict(
        ref="24/00231/TPO", site="Land rear of 9 Elm Grove",
        proposal="Felling of a mature oak tree protected by a Tree Preservation Order",
        detail="The applicant's arboricultural report said that the oak was causing subsidence to "
               "the rear extension of the house.",
        objector="adeyemi", objection="said that the oak was more than a hundred years old and one "
        "of the last large trees in the area.",
        support="said that root barriers had been tried and had failed.",
        qa=(("asked whether the oak could be pruned instead of felled.",
             "said that the Council's tree officer had not accepted that pruning would stop the "
             "subsidence."),),
        outcome="refuse", mover="okafor",
        reasons=("The loss of the protected oak tree would cause significant harm to the amenity "
                 "of the area and the evidence of subsidence was not conclusive.",)),
    "tpo-hazel": dict(
        ref="26/00689/TPO", site="31 Hazel Close",
        proposal="Felling of two lime trees protected by a Tree Preservation Order and "
                 "replacement planting",
        detail="The tree officer's survey had found fungal decay at the base of both limes.",
        objector=None, objection="", support="said that two semi-mature replacement trees would "
        "be planted in the same garden.",
        qa=(("asked whether the replacement trees would themselves be protected by the order.",
             "said that the order would be varied to include the replacements."),),
        outcome="grant", agent="kovacs"),
    # A house in multiple occupation, after the Cranbourne Road refusal.
    "hmo-millbrook": dict(
        ref="26/01247/FUL", site="54 Millbrook Avenue",
        proposal="Change of use from a dwelling to a 7-bedroom house in multiple occupation",
        detail="The officer report set out that the application should be considered against the "
               "same guidance on the concentration of houses in multiple occupation that had been "
               "applied to 118-120 Cranbourne Road.",
        objector="brennan", objection="said that the street already had problems with parking and "
        "bins left out from shared houses.",
        support="said that the house would be let to key workers at the hospital.",
        qa=(("asked how many houses in multiple occupation were within 100 metres.",
             "said that there were two, below the threshold in the guidance."),),
        outcome="grant"),
    # A detached garage turned into an annexe, twice.
    "annexe-kingfisher": dict(
        ref="24/00755/HOU", site="4 Kingfisher Drive",
        proposal="Conversion of a detached garage to a residential annexe for a family member",
        detail="The officer recommended a condition that the annexe remain ancillary to the main "
               "house and never be let separately.",
        objector=None, objection="", support="said that the annexe would allow the applicant's "
        "elderly mother to live independently.",
        qa=(("asked how the ancillary use would be enforced.",
             "said that the condition would be registered as a land charge."),),
        outcome="grant"),
    "annexe-marsh": dict(
        ref="26/02540/HOU", site="60 Marsh Lane",
        proposal="Conversion of a detached garage to a residential annexe with a new roof light",
        detail="The annexe would be occupied by the applicant's son. The officer recommended the "
               "usual condition that it remain ancillary to the main house.",
        objector=None, objection="", support="",
        qa=(("asked whether parking would be lost by converting the garage.",
             "said that two spaces would remain on the driveway."),),
        outcome="grant", agent=""),
    # An illuminated advertising screen, twice.
    "advert-quarry": dict(
        ref="24/00904/ADV", site="Quarry Road Retail Park, Quarry Road",
        proposal="Display of an internally illuminated digital advertising screen facing the "
                 "roundabout",
        detail="The highway authority had asked for the images to change no more often than every "
               "ten seconds, with no moving images.",
        objector=None, objection="", support="said that the screen would be dimmed at night.",
        qa=(("asked whether the screen could distract drivers at the roundabout.",
             "said that the highway authority had raised no objection subject to conditions on "
             "brightness."),),
        outcome="grant", agent="kovacs"),
    "advert-dock": dict(
        ref="25/01593/ADV", site="12 Dock Street",
        proposal="Display of an internally illuminated digital advertising screen on the gable "
                 "wall",
        detail="The building was in a residential street opposite a row of terraced houses.",
        objector="walsh", objection="said that the light from the screen would shine into his "
        "bedroom all night.",
        support="said that the screen would be switched off between midnight and 6am.",
        qa=(("asked how bright the screen would be after dark.",
             "said that the brightness would be limited to 300 candelas per square metre."),),
        outcome="refuse", mover="sadiq",
        reasons=("The illuminated screen would harm the living conditions of the occupiers of the "
                 "houses opposite by reason of light spill.",)),
    # Sash windows in a conservation area, twice.
    "windows-castle": dict(
        ref="23/02630/FUL", site="7 Castle Street",
        proposal="Replacement of timber sash windows with uPVC double-glazed windows in a "
                 "conservation area",
        detail="The house was a Georgian terrace within the Town Centre Conservation Area.",
        objector=None, objection="", support="said that the new windows would save energy.",
        qa=(("asked whether slim double-glazed timber windows had been considered.",
             "said that timber windows would be acceptable but uPVC would not."),),
        outcome="refuse", mover="mensah",
        reasons=("The uPVC windows would fail to preserve the character of the conservation "
                 "area.",)),
    "windows-station": dict(
        ref="25/02214/FUL", site="21 Station Approach",
        proposal="Replacement of timber sash windows with slim double-glazed timber sash windows "
                 "in a conservation area",
        detail="The applicant had followed the advice given after the refusal of uPVC windows on "
               "Castle Street and proposed timber frames of the same pattern.",
        objector=None, objection="", support="",
        qa=(("asked whether the glazing bars would match the originals.",
             "said that the glazing bars would be of the original profile."),),
        outcome="grant", agent=""),
    # Other business on the same streets.
    "shopfront-abbey": dict(
        ref="24/01377/FUL", site="40 Abbey Road",
        proposal="Replacement shopfront with a recessed entrance and an awning",
        detail="The shop was in the Abbey Road local parade.",
        objector=None, objection="", support="",
        qa=(("asked whether the awning would leave enough headroom over the pavement.",
             "said that it would be 2.4 metres above the pavement."),),
        outcome="grant", agent=""),
    "beach-huts-harbour": dict(
        ref="25/00420/FUL", site="The Promenade, Harbour Parade",
        proposal="Erection of 12 beach huts on the promenade",
        detail="The huts would be let by the Council for the summer season.",
        objector="harding", objection="said that the huts would block the view of the sea from "
        "the benches on Harbour Parade.",
        support="", qa=(("asked whether the huts would be removed in winter.",
                         "said that they would be stored at the depot from November to March."),),
        outcome="grant", agent=""),
    "centre-millbrook": dict(
        ref="25/01611/FUL", site="Millbrook Avenue Community Centre, Millbrook Avenue",
        proposal="Single-storey extension to the community centre to provide a cafe and toilets",
        detail="The community centre was run by a charity on land leased from the Council.",
        objector=None, objection="", support="",
        qa=(("asked whether the cafe would be open to the public.",
             "said that it would be open during the centre's hours."),),
        outcome="grant", agent=""),
}


def _case(ctx: Ctx) -> Spec:
    return application(**_CASES[ctx.param])


PROVIDERS: dict[str, Provider] = {"case": _case}
