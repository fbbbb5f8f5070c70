/* "Did you mean" suggestions and lists of choices for messages. */
#pragma once

/* Nearest of CHOICES to WORD by edit distance, or NULL when none is close. */
const char *dxi_suggest (const char *word, const char *const *choices);
/* ", "-joined list of CHOICES, for "expected one of ..." messages. */
char *dxi_choices_join (const char *const *choices);
