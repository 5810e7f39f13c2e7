// Rendering helpers for the component tests in Chromium (vitest-browser-vue).
import { render } from 'vitest-browser-vue';
import { defineComponent, h, onMounted, ref, type Component } from 'vue';

/**
 * Renders `component` one tick after its host, as the panel opens a picker or a dialog. A component
 * that moves focus in onMounted needs this: vitest-browser-vue moves the freshly mounted nodes out of
 * their wrapper, which blurs whatever they focused (testing-library/vue-testing-library#317).
 */
export function renderOpened(component: Component, props: Record<string, unknown> = {}) {
  const open = ref(false);
  const Host = defineComponent({
    setup() {
      onMounted(() => (open.value = true));
      return () => (open.value ? h(component, props) : null);
    },
  });
  return render(Host);
}

/**
 * Resolves once the page has drawn its next frame: by then every microtask queued before (a store
 * consuming an answer, Vue's re-render) has run. For checking that something did *not* appear.
 */
export const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
