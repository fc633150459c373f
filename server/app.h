// @brief coopdec-server as a Poco ServerApplication: options and properties,
// logging, the HTTP server's start and clean stop on SIGTERM/SIGINT.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <Poco/Util/OptionSet.h>
#include <Poco/Util/ServerApplication.h>

namespace coopdec {

class ServerApp : public Poco::Util::ServerApplication {
protected:
    void initialize(Poco::Util::Application& self) override;
    void defineOptions(Poco::Util::OptionSet& options) override;
    int main(const std::vector<std::string>& args) override;

private:
    void handle_help(const std::string& name, const std::string& value);
    void handle_config(const std::string& name, const std::string& value);
    void handle_setting(const std::string& name, const std::string& value);
    // Keeps the first refusal for main() to print, and stops reading options.
    void refuse(const std::string& message, int exit_code);
    // The value of a row of server/settings.h: command line, then the
    // properties files, then the table's default.
    std::string setting(const std::string& key);
    bool help_requested_ = false;
    std::string refusal_;  // a refused option, property or file: main() says it and stops
    int refusal_exit_ = EXIT_OK;
    std::map<std::string, std::string> settings_;  // "coopdec.port" → value, from the command line
};

}  // namespace coopdec
