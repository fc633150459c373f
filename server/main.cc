// @brief coopdec-server: the web interface and JSON API (see server/app.h).
#include <iostream>

#include "server/app.h"

POCO_SERVER_MAIN(coopdec::ServerApp)
