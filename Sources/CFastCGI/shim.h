#ifndef CFASTCGI_SHIM_H
#define CFASTCGI_SHIM_H
#include <fcgiapp.h>
/* The worker threads' wait for connections (FastCGI/ConnectionWaiter.swift). */
#include <sys/epoll.h>
#endif
