#pragma once

#include "genealogy/GenealogyRepository.h"

#include <QLineEdit>
#include <QTimer>

class QCompleter;
class QStandardItemModel;

namespace outpost {

// A line edit that finds distributors as you type (name prefix, or an exact id) among any number, and
// offers the first matches in a popup. Choosing one (or Return, which takes the first) emits chosen().
class DistributorSearchField : public QLineEdit
{
    Q_OBJECT
public:
    static constexpr int kMatches = 20;
    static constexpr int kDelayMs = 120;

    DistributorSearchField(GenealogyRepository& repository, QWidget* parent = nullptr);

    // Runs the search for the current text now (instead of after the typing pause); returns the matches.
    QList<DistributorListRow> searchNow();
    qint64 chosenRid() const { return m_chosenRid; }

signals:
    void chosen(qint64 rid, const QString& displayName);
    void searchFailed(const QString& message);

private:
    void choose(qint64 rid, const QString& name);

    GenealogyRepository& m_repository;
    QStandardItemModel* m_matches;
    QCompleter* m_completer;
    QTimer m_delay;
    qint64 m_chosenRid = 0;
};

} // namespace outpost
