// @brief The names table: countries, places and partners as people type them; facet boxes that take them.
