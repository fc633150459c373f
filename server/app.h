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
    bool help_requested_ = false;
    std::map<std::string, std::string> settings_;  // "coopdec.port" → value, from the command line
};

}  // namespace coopdec
