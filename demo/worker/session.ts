// The worker's training session: backend, images, trainer and the training loop. Every change
// builds the new state first and swaps it in only when that succeeded. So an error, such as a
// bad file or a checkpoint that does not fit, leaves the model, its optimizer state and the
// charts as they were.

import {
  createBrowserBackend,
  decodeCheckpoint,
  encodeCheckpoint,
  GRID_SAMPLES,
  gridLatents,
  Trainer,
  TrainingDivergedError,
  type Backend,
  type BackendSelection,
  type ImageSet,
  type StepMetrics,
  type TrainerSnapshot,
} from '../../src/browser/index.js';
import type { DataChoice, LiveSettings, MetricPoint, Settings, WorkerEvent, WorkerStatus } from '../protocol.js';
import { DataStore } from './datasets.js';
import { checkModelFits, describeArchitecture, settingsOf } from './model-fit.js';
import { Throughput } from './throughput.js';
import { LatentWalk, renderSamples, renderSeededSamples } from './views.js';

/** Training time per chunk between two looks at incoming messages, in milliseconds. */
const CHUNK_MS = 50;
/** Time between two redraws of the sample grid and the walk while training, in milliseconds. */
const VIEW_INTERVAL_MS = 250;

export type Post = (event: WorkerEvent, transfer?: Transferable[]) => void;

export class Session {
  private selection: BackendSelection | null = null;
  private readonly data = new DataStore();
  private images: ImageSet | null = null;
  private trainer: Trainer | null = null;
  private settings: Settings | null = null;
  private running = false;
  /** Set when a slow task interrupted training, which resumes after it unless the learner pauses. */
  private resumeAfterActivity = false;
  private activity: string | null = null;
  private pending: MetricPoint[] = [];
  private readonly throughput = new Throughput();
  private imagesPerSecond = 0;
  private lastViewTime = 0;
  private readonly walk = new LatentWalk(1);
  private readonly scheduler = new MessageChannel();

  constructor(private readonly post: Post) {
    // A message to itself runs the next chunk as a new task, after messages from the page.
    this.scheduler.port1.onmessage = () => this.runChunk();
  }

  async init(settings: Settings, backendRequest: string): Promise<void> {
    this.settings = settings;
    await this.switchBackend(backendRequest);
    await this.chooseData({ kind: 'bundled' });
  }

  async switchBackend(request: string): Promise<void> {
    const selection = await this.withActivity(`starting the ${request === 'auto' ? 'fastest available' : request} backend`, () =>
      createBrowserBackend(request),
    );
    if (this.trainer !== null && this.images !== null) {
      this.replaceTrainer(Trainer.restore(selection.backend, this.images, this.snapshotOf(this.trainer)));
    }
    this.selection = selection;
    this.postStatus();
  }

  async chooseData(choice: DataChoice): Promise<void> {
    const size = this.requireSettings().size;
    const images = await this.withActivity('loading images', (progress) => this.data.choose(choice, size, progress));
    if (images.skipped.length > 0) this.notice(`${images.skipped.length} file(s) skipped. The data panel lists why.`);
    if (this.trainer === null) {
      await this.reset(this.requireSettings());
      return;
    }
    // The model keeps training, now on the new images.
    const trainer = Trainer.restore(this.requireBackend(), images, this.snapshotOf(this.trainer));
    this.images = images;
    this.replaceTrainer(trainer);
    this.notice(`The current model now trains on ${images.count} images from ${images.name}. Press Reset for a new model.`);
    this.postStatus();
  }

  start(): void {
    this.requireTrainer();
    if (this.running) return;
    this.running = true;
    this.throughput.restart(performance.now());
    this.scheduler.port2.postMessage(null);
    this.postStatus();
  }

  pause(): void {
    this.running = false;
    this.resumeAfterActivity = false;
    this.flush(true);
  }

  step(which: 'discriminator' | 'generator'): void {
    const trainer = this.requireTrainer();
    if (this.running) throw new Error('pause training before taking single steps');
    this.train(() => (which === 'discriminator' ? trainer.discriminatorStep() : trainer.generatorStep()));
    this.flush(true);
  }

  async reset(settings: Settings): Promise<void> {
    const images = await this.withActivity('loading images', (progress) => this.data.at(settings.size, progress));
    const { seed, batchSize, lrG, lrD, dStepsPerGStep, generatorLoss } = settings;
    const trainer = Trainer.create({
      backend: this.requireBackend(),
      data: images,
      options: { seed, batchSize, lrG, lrD, dStepsPerGStep, generatorLoss },
    });
    this.running = false;
    this.images = images;
    this.settings = settings;
    this.replaceTrainer(trainer);
    this.walk.reset(settings.seed);
    this.post({ type: 'metrics', points: [], reset: true });
    this.flush(true);
  }

  liveSettings(live: LiveSettings): void {
    const trainer = this.requireTrainer();
    const snapshot = this.snapshotOf(trainer);
    this.replaceTrainer(Trainer.restore(trainer.backend, this.requireImages(), { ...snapshot, options: { ...snapshot.options, ...live } }));
    this.settings = { ...this.requireSettings(), ...live };
    this.postStatus();
  }

  walkTo(position: number): void {
    this.walk.position = Math.min(1, Math.max(0, position));
    this.postWalk();
  }

  newWalk(): void {
    this.walk.next();
    this.postWalk();
  }

  sample(seed: number, count: number): void {
    const image = renderSeededSamples(this.requireTrainer(), seed, count);
    this.post({ type: 'sample', image, seed, count }, [image.rgba.buffer]);
  }

  save(): void {
    const trainer = this.requireTrainer();
    const bytes = encodeCheckpoint({ ...trainer.snapshot(), dataset: this.data.dataset });
    const buffer = bytes.slice().buffer;
    this.post({ type: 'checkpoint', bytes: buffer, fileName: `pixelgan-step-${trainer.step}.safetensors` }, [buffer]);
  }

  async loadModel(name: string, bytes: ArrayBuffer): Promise<void> {
    let snapshot: TrainerSnapshot;
    try {
      snapshot = decodeCheckpoint(new Uint8Array(bytes));
      checkModelFits(snapshot);
    } catch (error) {
      throw new Error(`${name}: ${(error as Error).message}. The current model is unchanged.`, { cause: error });
    }
    const size = snapshot.generatorConfig.image.width;
    const images = await this.withActivity('loading images', (progress) => this.data.at(size, progress));
    const trainer = Trainer.restore(this.requireBackend(), images, snapshot);
    this.running = false;
    this.images = images;
    this.settings = settingsOf(snapshot);
    this.replaceTrainer(trainer);
    this.post({ type: 'settings', settings: this.settings });
    this.post({ type: 'metrics', points: [], reset: true });
    this.notice(`Loaded ${name}: step ${snapshot.step}, ${describeArchitecture(trainer)}, ${size}x${size} images.`);
    this.flush(true);
  }

  private runChunk(): void {
    const trainer = this.trainer;
    if (!this.running || trainer === null) return;
    const started = performance.now();
    const stepBefore = trainer.step;
    while (this.running && performance.now() - started < CHUNK_MS) {
      if (!this.train(() => trainer.trainStep())) break;
    }
    const now = performance.now();
    this.throughput.record(now, (trainer.step - stepBefore) * trainer.options.batchSize);
    this.imagesPerSecond = this.throughput.imagesPerSecond(now);
    this.flush(now - this.lastViewTime >= VIEW_INTERVAL_MS);
    if (this.running) this.scheduler.port2.postMessage(null);
  }

  /** Runs one update and returns whether it succeeded. On divergence it stops training and reports the error. */
  private train(update: () => StepMetrics): boolean {
    try {
      const metrics = update();
      this.pending.push({ ...metrics });
      return true;
    } catch (error) {
      if (!(error instanceof TrainingDivergedError)) throw error;
      // The failed update was not applied, so the weights are those of the last good step.
      this.running = false;
      this.post({ type: 'error', message: `${error.message} The model is kept as it was before this step.` });
      return false;
    }
  }

  /** Sends the pending metric points and the status, and with `views` redraws grid and walk. */
  private flush(views: boolean): void {
    if (this.pending.length > 0) {
      this.post({ type: 'metrics', points: this.pending, reset: false });
      this.pending = [];
    }
    if (views && this.trainer !== null) {
      const trainer = this.trainer;
      const grid = renderSamples(trainer, gridLatents(trainer.options.seed, trainer.generator.config.latentSize), GRID_SAMPLES);
      this.post({ type: 'grid', image: grid }, [grid.rgba.buffer]);
      this.postWalk();
      this.lastViewTime = performance.now();
    }
    this.postStatus();
  }

  private postWalk(): void {
    if (this.trainer === null) return;
    const { image, strip } = this.walk.render(this.trainer);
    this.post({ type: 'walk', image, strip, position: this.walk.position }, [image.rgba.buffer, strip.rgba.buffer]);
  }

  private replaceTrainer(trainer: Trainer): void {
    const old = this.trainer;
    this.trainer = trainer;
    if (old !== null && old !== trainer) old.dispose();
  }

  private snapshotOf(trainer: Trainer): TrainerSnapshot {
    return { ...trainer.snapshot(), dataset: this.data.dataset };
  }

  /** Runs a slow task with status 'loading', and `progress` updates the text the page shows. */
  private async withActivity<T>(activity: string, task: (progress: (text: string) => void) => Promise<T>): Promise<T> {
    if (this.running) this.resumeAfterActivity = true;
    this.running = false;
    this.activity = activity;
    this.postStatus();
    try {
      return await task((text) => {
        this.activity = text;
        this.postStatus();
      });
    } finally {
      this.activity = null;
      if (this.resumeAfterActivity && this.trainer !== null) {
        this.resumeAfterActivity = false;
        this.start();
      }
      this.postStatus();
    }
  }

  private notice(message: string): void {
    this.post({ type: 'notice', message });
  }

  private postStatus(): void {
    const status: WorkerStatus = {
      state: this.state(),
      activity: this.activity ?? undefined,
      step: this.trainer?.step ?? 0,
      imagesPerSecond: this.imagesPerSecond,
      architecture: this.trainer === null ? undefined : describeArchitecture(this.trainer),
    };
    if (this.selection !== null) {
      const { backend, skipped } = this.selection;
      status.backend = { name: backend.name, description: backend.describe(), skipped };
    }
    if (this.images !== null) {
      const { name, count, width, skipped } = this.images;
      status.data = { name, count, size: width, skipped };
    }
    this.post({ type: 'status', status });
  }

  private state(): WorkerStatus['state'] {
    if (this.activity !== null) return 'loading';
    if (this.trainer === null) return 'empty';
    if (this.running) return 'training';
    return this.trainer.step > 0 ? 'paused' : 'idle';
  }

  private requireSettings(): Settings {
    if (this.settings === null) throw new Error('the worker was not initialised');
    return this.settings;
  }

  private requireBackend(): Backend {
    if (this.selection === null) throw new Error('no backend is loaded; choose one in the Backend menu');
    return this.selection.backend;
  }

  private requireImages(): ImageSet {
    if (this.images === null) throw new Error('no training images are loaded; choose the bundled dataset or your own images');
    return this.images;
  }

  private requireTrainer(): Trainer {
    if (this.trainer === null) throw new Error('there is no model yet: load training images first');
    return this.trainer;
  }
}
