// The one translation unit that compiles Asio (with its SSL part) and Beast. The rest of the library is
// built with BOOST_ASIO_SEPARATE_COMPILATION / BOOST_BEAST_SEPARATE_COMPILATION and only sees declarations,
// which keeps each file's compile time down.

#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
