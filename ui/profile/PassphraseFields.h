#pragma once

#include <QWidget>

class QCheckBox;
class QLineEdit;

namespace outpost {

class MessageLabel;

// A new passphrase typed twice, with a live verdict: why it is too weak (PassphraseKeyWrap::
// passphraseProblem), that the two entries differ, or that it is fine.
class PassphraseFields : public QWidget
{
    Q_OBJECT
public:
    explicit PassphraseFields(QWidget* parent = nullptr);

    QString passphrase() const;
    // Strong enough and typed the same twice.
    bool isAcceptable() const;
    void clear();
    QLineEdit* firstField() const { return m_first; }

signals:
    void changed();

private:
    void update();

    QLineEdit* m_first;
    QLineEdit* m_repeat;
    QCheckBox* m_show;
    MessageLabel* m_message;
};

} // namespace outpost
