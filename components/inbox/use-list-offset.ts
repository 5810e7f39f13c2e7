import { onBeforeUnmount, ref, watch, type Ref } from 'vue';

/**
 * Where a list starts inside the scrolling content that holds it, in pixels, kept current: the
 * inbox's folders share one scroller, so each folder's virtual list needs its own offset (TanStack's
 * `scrollMargin`). Whatever above it grows or shrinks (a search, a folder folding) changes the
 * content's height, which a ResizeObserver reports.
 */
export function useListOffset(list: Ref<HTMLElement | null>, content: () => HTMLElement | null): Ref<number> {
  const offset = ref(0);
  const measure = () => {
    const inner = content();
    if (!list.value || !inner) return;
    offset.value = Math.round(list.value.getBoundingClientRect().top - inner.getBoundingClientRect().top);
  };
  const observer = new ResizeObserver(measure);
  watch(
    [list, content],
    ([el, inner]) => {
      observer.disconnect();
      if (el && inner) {
        observer.observe(inner);
        measure();
      }
    },
    { immediate: true, flush: 'post' },
  );
  onBeforeUnmount(() => observer.disconnect());
  return offset;
}
