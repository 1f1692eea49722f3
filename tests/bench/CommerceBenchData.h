#pragma once

#include "demo/DemoCommerce.h"
#include "profile/Workspace.h"

#include <QJsonObject>
#include <QString>

#include <memory>

namespace outpost::bench {

// Prints what failed and aborts: a benchmark cannot go on without its data.
[[noreturn]] void die(const char* what, const QString& message);

// What the commission benchmarks run on: a new encrypted profile in `dir` holding `distributors` demo
// distributors and one month of demo orders (March 2026, ten order lines per distributor).
struct CommerceProfile
{
    std::unique_ptr<Workspace> workspace;
    DemoCommerce::Loaded orders;
};
CommerceProfile commerceProfile(const QString& dir, const QString& name, qint64 distributors);

// plan.update of `plan` under a new id (its name too); returns the id.
QString submitPlan(Workspace& ws, const QJsonObject& plan);
// period.open of the orders' first month under `planId`; returns the period's id.
QString openFirstMonth(Workspace& ws, const DemoCommerce::Loaded& orders, const QString& planId);

} // namespace outpost::bench
