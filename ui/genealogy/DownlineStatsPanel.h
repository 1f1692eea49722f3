#pragma once

#include "genealogy/GenealogyRepository.h"

#include <QWidget>

#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace outpost {

class BackgroundJob;

// The selected distributor's downline: size and depth (the cached figures: instant at any size), the
// biggest legs, and people per level, which needs a walk over the downline (a million rows for the top of
// a million) and so is counted on a worker thread with progress and Cancel; choosing another distributor
// cancels a count still running.
class DownlineStatsPanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kLegs = 8;

    DownlineStatsPanel(Database& database, QWidget* parent = nullptr);
    ~DownlineStatsPanel() override;

    // Shows `rid` in `tree` (0 = nothing selected).
    void showDistributor(qint64 rid, const QString& name, GenealogyTree tree);
    bool isCounting() const;
    // Per-level counts shown (empty while counting or after a cancel), for tests.
    QList<qint64> levelCounts() const { return m_levels; }
    QString summaryText() const;

signals:
    void countFinished();
    void loadFailed(const QString& message);

private:
    void startCount();
    void countDone();

    Database& m_database;
    GenealogyRepository m_repository;
    BackgroundJob* m_job;
    qint64 m_rid = 0;
    GenealogyTree m_tree = GenealogyTree::Sponsor;
    bool m_restart = false;
    std::shared_ptr<Result<DownlineStatistics>> m_result;
    QList<qint64> m_levels;

    QLabel* m_title;
    QLabel* m_figures;
    QTableWidget* m_legs;
    QTableWidget* m_levelTable;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    QLabel* m_levelNote;
};

} // namespace outpost
