"use server";

import { defineAction } from "@/app/_server/action";
import { guessSchema } from "@/lib/gameday/guesses/guess-schema";
import { saveGuess } from "@/lib/gameday/guesses/save-guess";

// "contribute" is GUESS_ROLES' floor (participant); saveGuess checks the role again
// and the team, so a viewer or another team's member is refused whatever calls it.
export const saveGuessAction = defineAction({
  schema: guessSchema,
  permission: "contribute",
  run: (input, user) => saveGuess(user, input),
  revalidate: (_i, r) => [`/gamedays/${r.gameDayId}/experiments`, `/gamedays/${r.gameDayId}/present`],
  success: "Guess saved. Nobody sees it until the run ends.",
});
