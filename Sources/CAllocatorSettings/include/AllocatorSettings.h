// The allocator's compiled-in settings (AllocatorSettings.c): a definition the allocator
// reads, nothing to call.
#ifndef CARTOGRAPH_ALLOCATOR_SETTINGS_H
#define CARTOGRAPH_ALLOCATOR_SETTINGS_H

extern const char *malloc_conf;

#endif
