#pragma once

#include "cli/Cli.h"

namespace outpost::cli {

// `outpost-cli sync`: sign in to the team server (trusting a self-signed certificate on first use, by
// its fingerprint, like the desktop), sync once or keep syncing (--watch), with the first sync's
// bootstrap progress and Ctrl-C to stop it (the next run continues it), show the state, sign out.
// The desktop's sync engine and account storage, headless. Lives outside core: it needs QtNetwork.
Command syncCommand();

} // namespace outpost::cli
