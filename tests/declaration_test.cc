// @brief placeholder
