#pragma once

#include "util/Result.h"

#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <vector>

namespace outpost {

// One numbered schema step. Runs inside its own transaction together with the row that records it.
struct Migration
{
    int version = 0;
    QString name;
    QString sql;                                   // a script of statements, run first
    std::function<Status(QSqlDatabase&)> code;     // optional data step, run after the script
};

using MigrationList = std::vector<Migration>;

} // namespace outpost
