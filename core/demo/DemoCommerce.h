#pragma once

#include "util/Result.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <functional>

namespace outpost {

class Database;

// Demo commerce for demo profiles and benchmarks: a product catalogue and months of orders by the
// distributors already in the profile (see DemoGenealogy). Deterministic for a seed. Written directly (no
// mutations, like GenealogyBulkLoader) in ONE transaction on raw statements; a failure adds nothing.
class DemoCommerce
{
    Q_DECLARE_TR_FUNCTIONS(DemoCommerce)
public:
    struct Options
    {
        quint64 seed = 2026;
        int products = 24;
        int months = 3;
        qint64 firstMonthStart = 0; // UTC ms of the first month's first day, 00:00
        qint64 linesPerMonth = 0;   // order lines per month; 0 = 10 per distributor
    };
    struct Loaded
    {
        qint64 products = 0;
        qint64 orders = 0;
        qint64 lines = 0;
        QList<qint64> monthStarts; // months + 1 boundaries, UTC ms
    };

    static Result<Loaded> load(Database& db, const Options& options, qint64 nowMs,
                               const std::function<void(qint64 done, qint64 total)>& progress = {});

    // A commission plan whose ranks match DemoGenealogy::rankLadder() (6 ranks, 7 levels, 3 generations).
    static QJsonObject demoPlanJson();
};

} // namespace outpost
