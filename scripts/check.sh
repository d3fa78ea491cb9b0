#!/bin/sh
# The static checks of `npm test`, side by side: tsc and ESLint are single-threaded, so on two cores both
# finish in about the time of the slower one. Fails when either fails; each prints only its problems.
npm run -s typecheck &
typecheck=$!
npm run -s lint
lint=$?
wait "$typecheck"
typecheck=$?
[ "$typecheck" -eq 0 ] && [ "$lint" -eq 0 ]
