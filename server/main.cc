// @brief coopdec-server: the web interface and JSON API (see server/app.h).
#include <cstdio>

#include <Poco/Exception.h>

#include "common/main_guard.h"
#include "server/app.h"

// POCO_SERVER_MAIN, with every exception said in French: a Poco::Exception
// by its displayText(), the rest by guarded_main().
int main(int argc, char** argv) {
    return coopdec::guarded_main("coopdec-server", [&] {
        try {
            coopdec::ServerApp app;
            return app.run(argc, argv);
        } catch (const Poco::Exception& e) {
            std::fprintf(stderr, "coopdec-server : erreur interne : %s\n", e.displayText().c_str());
            return coopdec::kExitInternalError;
        }
    });
}
